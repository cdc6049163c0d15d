package io.jmongos.it.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs the spec files of folders against one environment and collects the results. */
final class SuiteRunner {
    private final SpecEnvironment env;
    private final UnifiedTestRunner runner;

    SuiteRunner(SpecEnvironment env) {
        this.env = env;
        this.runner = new UnifiedTestRunner(env);
    }

    SpecEnvironment env() {
        return env;
    }

    UnifiedTestRunner runner() {
        return runner;
    }

    /** The files of a folder (or a single .json file), parsed. */
    static List<SpecFile> files(Path dirOrFile) {
        List<SpecFile> out = new ArrayList<>();
        if (dirOrFile.toString().endsWith(".json")) {
            out.add(SpecFile.read(dirOrFile, SpecDirectory.suiteName(dirOrFile.toAbsolutePath().getParent())));
            return out;
        }
        String suite = SpecDirectory.suiteName(dirOrFile);
        for (Path p : SpecDirectory.jsonFiles(dirOrFile)) {
            out.add(SpecFile.read(p, suite));
        }
        return out;
    }

    List<TestResult> run(List<SpecFile> files, Consumer<TestResult> each) {
        List<TestResult> results = new ArrayList<>();
        for (SpecFile f : files) {
            for (SpecCase c : f.cases()) {
                TestResult r = runner.run(c);
                results.add(r);
                each.accept(r);
            }
        }
        return results;
    }
}
