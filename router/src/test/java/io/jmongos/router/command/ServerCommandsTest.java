package io.jmongos.router.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jmongos.router.RouterServices;
import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.status.ServerStatusSection;
import io.jmongos.router.testing.EchoShard;
import io.jmongos.router.testing.TestRouter;

class ServerCommandsTest {
    private RouterServices services;
    private CommandDispatcher dispatcher;
    private ClientConnectionState conn;

    @BeforeEach
    void setUp() {
        services = TestRouter.services(new EchoShard());
        services.network().setBound(27017, 0, List.of("127.0.0.1"));
        dispatcher = new CommandDispatcher(services);
        conn = TestRouter.connection(false);
    }

    /** The reply without the cluster time the session layer adds to every reply. */
    private BsonDocument run(String json) {
        BsonDocument r = dispatcher.dispatch(conn, BsonDocument.parse(json)).reply();
        r.remove("$clusterTime");
        r.remove("operationTime");
        return r;
    }

    @Test
    void getParameterReportsLoadBalancerPort() {
        assertThat(run("{getParameter: 1, loadBalancerPort: 1, $db: 'admin'}"))
                .isEqualTo(BsonDocument.parse("{loadBalancerPort: 0, ok: 1.0}"));
        BsonDocument details = run("{getParameter: {showDetails: true}, loadBalancerPort: 1, $db: 'admin'}");
        assertThat(details.getDocument("loadBalancerPort")).isEqualTo(BsonDocument.parse(
                "{value: 0, settableAtRuntime: false, settableAtStartup: true}"));
        assertThat(run("{getParameter: '*', $db: 'admin'}").containsKey("loadBalancerPort")).isTrue();
        assertThat(run("{getParameter: {allParameters: true}, $db: 'admin'}").containsKey("loadBalancerPort"))
                .isTrue();
    }

    @Test
    void getParameterErrors() {
        BsonDocument none = run("{getParameter: 1, noSuchThing: 1, $db: 'admin'}");
        assertThat(none.getInt32("code").getValue()).isEqualTo(72);
        assertThat(none.getString("errmsg").getValue()).isEqualTo("no option found to get");
        BsonDocument notAdmin = run("{getParameter: 1, loadBalancerPort: 1, $db: 'test'}");
        assertThat(notAdmin.getInt32("code").getValue()).isEqualTo(13);
    }

    @Test
    void setParameterRefusesLoadBalancerPortAtRuntime() {
        BsonDocument r = run("{setParameter: 1, loadBalancerPort: 27018, $db: 'admin'}");
        assertThat(r.getInt32("code").getValue()).isEqualTo(20);
        assertThat(r.getString("codeName").getValue()).isEqualTo("IllegalOperation");
        assertThat(r.getString("errmsg").getValue()).startsWith("not allowed to change [loadBalancerPort] at runtime");
        assertThat(services.parameters().getInt("loadBalancerPort")).isZero();
    }

    @Test
    void setParameterChangesRuntimeParametersAndReturnsWas() {
        services.parameters().register(new io.jmongos.router.param.ServerParameter("testKnob", new BsonInt32(5),
                true, true, io.jmongos.router.param.ServerParameters.intRange(0, 10)));
        assertThat(run("{setParameter: 1, testKnob: 7, $db: 'admin'}"))
                .isEqualTo(BsonDocument.parse("{was: 5, ok: 1.0}"));
        assertThat(services.parameters().getInt("testKnob")).isEqualTo(7);
        BsonDocument bad = run("{setParameter: 1, testKnob: 11, $db: 'admin'}");
        assertThat(bad.getInt32("code").getValue()).isEqualTo(2);
        BsonDocument unknown = run("{setParameter: 1, nope: 1, $db: 'admin'}");
        assertThat(unknown.getInt32("code").getValue()).isEqualTo(72);
        assertThat(unknown.getString("errmsg").getValue())
                .isEqualTo("attempted to set unrecognized parameter [nope], use help:true to see options ");
        assertThat(run("{setParameter: 1, $db: 'admin'}").getInt32("code").getValue()).isEqualTo(72);
    }

    @Test
    void serverStatusHasHeaderAndSections() {
        run("{ping: 1, $db: 'admin'}");
        BsonDocument s = run("{serverStatus: 1, $db: 'admin'}");
        assertThat(s.getString("process").getValue()).isEqualTo("mongos");
        assertThat(s.getString("host").getValue()).endsWith(":27017");
        assertThat(s.getNumber("pid").longValue()).isEqualTo(ProcessHandle.current().pid());
        assertThat(s.isDouble("uptime")).isTrue();
        assertThat(s.isInt64("uptimeMillis")).isTrue();
        assertThat(s.isDateTime("localTime")).isTrue();
        assertThat(s.getDocument("connections").keySet())
                .contains("current", "available", "totalCreated", "active").doesNotContain("loadBalanced");
        assertThat(s.getDocument("opcounters").getNumber("command").longValue()).isGreaterThanOrEqualTo(1);
        assertThat(s.getDocument("network").keySet()).contains("bytesIn", "bytesOut", "numRequests");
        assertThat(s.getDocument("mem").keySet()).contains("resident", "virtual", "bits");
        assertThat(s.getNumber("ok").intValue()).isEqualTo(1);
    }

    @Test
    void serverStatusShowsLoadBalancedWhenLbPortIsOn() {
        services.network().setBound(27017, 27018, List.of("127.0.0.1"));
        BsonDocument s = run("{serverStatus: 1, $db: 'admin'}");
        assertThat(s.getDocument("connections").getInt32("loadBalanced").getValue()).isZero();
    }

    @Test
    void serverStatusSectionsMergeAndCanBeExcluded() {
        services.serverStatus().register(section("testing", "{cursor: {open: {total: 3}}}"));
        services.serverStatus().register(section("testing", "{proxy: {accepted: 2}, cursor: {timedOut: 1}}"));
        BsonDocument s = run("{serverStatus: 1, $db: 'admin'}");
        assertThat(s.getDocument("testing")).isEqualTo(BsonDocument.parse(
                "{cursor: {open: {total: 3}, timedOut: 1}, proxy: {accepted: 2}}"));
        BsonDocument without = run("{serverStatus: 1, testing: 0, mem: false, $db: 'admin'}");
        assertThat(without.containsKey("testing")).isFalse();
        assertThat(without.containsKey("mem")).isFalse();
    }

    @Test
    void smallServerCommands() {
        assertThat(run("{whatsmyuri: 1, $db: 'admin'}").getString("you").getValue()).isEqualTo("10.1.2.3:40000");
        BsonDocument bi = run("{buildInfo: 1, $db: 'admin'}");
        assertThat(bi.getString("version").getValue()).isEqualTo("7.0.0");
        assertThat(bi.getArray("versionArray")).hasSize(4);
        assertThat(bi.getInt32("maxBsonObjectSize").getValue()).isEqualTo(16777216);
        assertThat(run("{buildinfo: 1, $db: 'admin'}").getString("version").getValue()).isEqualTo("7.0.0");
        assertThat(run("{connectionStatus: 1, $db: 'admin'}").getDocument("authInfo")
                .getArray("authenticatedUsers")).isEmpty();
        assertThat(run("{listCommands: 1, $db: 'admin'}").getDocument("commands").keySet())
                .contains("hello", "ping", "find", "insert", "serverStatus");
        assertThat(run("{hostInfo: 1, $db: 'admin'}").getDocument("system").keySet())
                .contains("hostname", "numCores", "memSizeMB");
        assertThat(run("{endSessions: [], $db: 'admin'}").getNumber("ok").intValue()).isEqualTo(1);
        assertThat(run("{isdbgrid: 1, $db: 'admin'}").getInt32("isdbgrid").getValue()).isEqualTo(1);
        assertThat(run("{getCmdLineOpts: 1, $db: 'admin'}").keySet()).contains("argv", "parsed");
        assertThat(run("{getLog: '*', $db: 'admin'}").getArray("names")).hasSize(2);
    }

    @Test
    void profileChangesSlowMs() {
        assertThat(run("{profile: -1, slowms: 5, $db: 'admin'}").getInt32("slowms").getValue()).isEqualTo(100);
        assertThat(services.slowMs()).isEqualTo(5);
        assertThat(run("{profile: 2, $db: 'admin'}").getInt32("code").getValue()).isEqualTo(2);
    }

    private static ServerStatusSection section(String name, String json) {
        return new ServerStatusSection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public BsonDocument report() {
                return BsonDocument.parse(json);
            }
        };
    }
}
