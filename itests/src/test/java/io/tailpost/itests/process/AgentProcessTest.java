package io.tailpost.itests.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.tailpost.itests.support.Agents;
import io.tailpost.itests.support.PipelineYaml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the black-box tests: a temporary folder for the test's files and the agents it
 * starts from the packaged distribution, ended (and their output kept) after each test.
 */
abstract class AgentProcessTest {
    @TempDir
    Path work;

    Agents agents;

    @BeforeEach
    void createAgents() {
        agents = new Agents(work);
    }

    @AfterEach
    void endAgents() throws InterruptedException {
        agents.close();
    }

    /**
     * Writes {@code tailpost.yaml} in the work folder: one pipeline that reads
     * {@code <logs>/*.log} and sends to {@code url} over HTTP, data under {@code dataDir}.
     *
     * @param senderOptions YAML lines of the http sender, after its url (each ending in a newline)
     * @param pipelineOptions YAML lines of the pipeline after its senders, e.g. a buffer block
     */
    Path fileToHttpConfig(Path dataDir, String pipeline, Path logs, String url, String senderOptions,
            String pipelineOptions) throws IOException {
        String yaml = "data_dir: " + dataDir + "\n"
                + PipelineYaml.fileToHttp(pipeline, logs, url, senderOptions, pipelineOptions);
        Path config = work.resolve("tailpost.yaml");
        Files.writeString(config, yaml);
        return config;
    }
}
