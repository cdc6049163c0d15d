package io.jmongos.bench.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class CpuUseTest {

    private static Map<String, Long> ticks(Object... nameTicks) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < nameTicks.length; i += 2) {
            m.put((String) nameTicks[i], ((Number) nameTicks[i + 1]).longValue());
        }
        return m;
    }

    @Test
    void ticksOverOperationsAreMicrosecondsPerOperation() {
        // 25 ticks at 100/s = 250 ms of CPU over 1,000 operations = 250 µs each
        assertThat(CpuUse.microsPerOp(25, 100, 1000)).isEqualTo(250.0);
        assertThat(CpuUse.microsPerOp(3, 1000, 40_000)).isEqualTo(0.075);
        assertThat(CpuUse.microsPerOp(0, 100, 10)).isEqualTo(0.0);
    }

    @Test
    void unknownTicksRateOrNoOperationsAreUnknown() {
        assertThat(CpuUse.microsPerOp(-1, 100, 10)).isNaN();
        assertThat(CpuUse.microsPerOp(5, -1, 10)).isNaN();
        assertThat(CpuUse.microsPerOp(5, 100, 0)).isNaN();
        assertThat(CpuUse.format(Double.NaN)).isEqualTo("n/a");
    }

    @Test
    void severalProcessesAreSummedAndEachIsKept() {
        CpuUse c = new CpuUse(ticks("jmongos-router", 30, "jmongos-shard", 15, "jmongos-config", 5), 20, 10_000, 100);
        assertThat(c.serverMicrosPerOp()).isEqualTo(50.0);
        assertThat(c.generatorMicrosPerOp()).isEqualTo(20.0);
        assertThat(c.cell()).isEqualTo("50.0 / 20.0");
        BsonDocument d = c.toBson();
        assertThat(d.getDouble("serverMicrosPerOp").getValue()).isEqualTo(50.0);
        assertThat(d.getDocument("processes").getDocument("jmongos-shard").getDouble("microsPerOp").getValue())
                .isEqualTo(15.0);
        assertThat(d.getDocument("processes").keySet()).containsExactly("jmongos-router", "jmongos-shard",
                "jmongos-config");
    }

    @Test
    void oneUnreadableProcessMakesTheSumUnknownButNotTheLoadGenerator() {
        CpuUse c = new CpuUse(ticks("router", 30, "shard", -1), 20, 1000, 100);
        assertThat(c.cell()).isEqualTo("n/a / 200.0");
        assertThat(c.toBson().isNull("serverMicrosPerOp")).isTrue();
    }

    @Test
    void roundsAddTheirTicksAndOperations() {
        CpuUse a = new CpuUse(ticks("jmongos", 10), 4, 1000, 100);
        CpuUse b = new CpuUse(ticks("jmongos", 30), 6, 3000, 100);
        CpuUse both = a.plus(b);
        assertThat(both.ops()).isEqualTo(4000);
        assertThat(both.serverMicrosPerOp()).isEqualTo(100.0);
        assertThat(both.generatorMicrosPerOp()).isEqualTo(25.0);
        assertThat(a.plus(new CpuUse(ticks("jmongos", -1), 6, 3000, 100)).serverMicrosPerOp()).isNaN();
    }

    @Test
    void aMeterReadsThisJvmBetweenStartAndStop() {
        CpuMeter m = new CpuMeter(ticks("self", ProcessHandle.current().pid()));
        m.start();
        CpuUse c = m.stop(10);
        assertThat(m.used()).isSameAs(c);
        assertThat(CpuMeter.delta(5, 3)).isEqualTo(-1);
        assertThat(CpuMeter.delta(-1, 3)).isEqualTo(-1);
        assertThat(CpuMeter.delta(3, 8)).isEqualTo(5);
        if (ProcCpu.selfTicks() >= 0) {
            assertThat(c.serverTicks().get("self")).isGreaterThanOrEqualTo(0);
        }
    }
}
