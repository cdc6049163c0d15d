package io.jmongos.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** The disconnect cleanup section shows the chosen round, every round and the cold warm-up round. */
class ScaleMarkdownTest {
    @Test
    void cleanupListsEveryRoundAndTheColdWarmUpRound() {
        BsonDocument scale = BsonDocument.parse("{cleanup: {clients: 1000, perClientP50Millis: 11.8,"
                + " perClientP99Millis: 17.7, rounds: [{perClientP50Millis: 10.2, perClientP99Millis: 17.0},"
                + " {perClientP50Millis: 12.2, perClientP99Millis: 18.3}, {perClientP50Millis: 11.8,"
                + " perClientP99Millis: 17.7}], warmUp: {perClientP50Millis: 19.9, perClientP99Millis: 25.1}}}");
        StringBuilder md = new StringBuilder();
        ScaleMarkdown.append(md, scale);
        assertThat(md.toString())
                .contains("| 1,000 | 11.8 | 17.7 |")
                .contains("Rounds (per client p50 / p99 ms): round 1 10.2 / 17.0, round 2 12.2 / 18.3, round 3 11.8"
                        + " / 17.7; cold warm-up round (not counted) 19.9 / 25.1.")
                .contains("timed by the server's localTime");
    }
}
