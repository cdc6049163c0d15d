package io.jmongos.router.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * jmongos' SCRAM client against its SCRAM server, as the internal user's keys use them: a proof made with either of
 * two keys sharing a salt is accepted, one made with another key is refused, and a server that does not hold the
 * key cannot forge the final signature.
 */
class ScramConversationTest {
    private static final String K1 = "a2V5IG51bWJlciBvbmU=";
    private static final String K2 = "a2V5IG51bWJlciB0d28=";

    private static void converse(InternalAuthKeys server, String clientKey) {
        ScramServerConversation s = new ScramServerConversation(ScramMechanism.SHA_256, InternalUser.DB,
                user -> server.credentials(ScramMechanism.SHA_256), true);
        ScramClientConversation c = new ScramClientConversation(ScramMechanism.SHA_256, InternalUser.USER, clientKey,
                new SaltedPasswords());
        byte[] serverFirst = s.step(c.clientFirst());
        byte[] serverFinal = s.step(c.clientFinal(serverFirst));
        c.verifyServerFinal(serverFinal);
        assertThat(s.done()).isTrue();
        assertThat(s.user()).isEqualTo(InternalUser.USER);
    }

    @Test
    void eitherKeyOfTheFileIsAccepted() {
        InternalAuthKeys both = InternalAuthKeys.of(List.of(K1, K2));
        converse(both, K1);
        converse(both, K2);
        assertThat(both.credentials(ScramMechanism.SHA_256).get(0).salt())
                .isEqualTo(both.credentials(ScramMechanism.SHA_256).get(1).salt());
        assertThat(both.credentials(ScramMechanism.SHA_1)).isEmpty();
    }

    @Test
    void anotherKeyIsRefused() {
        InternalAuthKeys one = InternalAuthKeys.of(List.of(K1));
        assertThatThrownBy(() -> converse(one, K2)).isInstanceOf(AuthenticationFailure.class)
                .hasMessageContaining("storedKey mismatch");
    }

    @Test
    void aServerWithoutTheKeyCannotSignTheEnd() {
        ScramClientConversation c = new ScramClientConversation(ScramMechanism.SHA_256, InternalUser.USER, K1,
                new SaltedPasswords());
        ScramServerConversation s = new ScramServerConversation(ScramMechanism.SHA_256, InternalUser.DB,
                user -> InternalAuthKeys.of(List.of(K2)).credentials(ScramMechanism.SHA_256), true);
        c.clientFinal(s.step(c.clientFirst()));
        assertThatThrownBy(() -> c.verifyServerFinal("v=AAAA".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(AuthenticationFailure.class).hasMessageContaining("does not verify");
    }

    @Test
    void keysOutsideTheLengthBoundsAreRefused() {
        assertThatThrownBy(() -> InternalAuthKeys.of(List.of("abcde"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InternalAuthKeys.of(List.of(K1, K2, K1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
