package io.tailpost.itests.process;

import java.nio.file.Path;

import io.tailpost.itests.support.Agents;
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
}
