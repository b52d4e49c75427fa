package io.tailpost.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.tailpost.sdk.PluginKind;
import io.tailpost.sdk.status.ComponentStatus;
import io.tailpost.sdk.status.PipelineStatus;
import io.tailpost.sdk.status.State;
import org.junit.jupiter.api.Test;

class StatusReportTest {

    @Test
    void saysSoWhenThereAreNoPipelines() {
        assertThat(StatusReport.format(List.of())).isEqualTo("no pipelines configured");
        assertThat(StatusReport.format(null)).isEqualTo("no pipelines configured");
    }

    @Test
    void listsPipelinesWithTheirComponentsIndentedAndAligned() {
        List<PipelineStatus> pipelines = List.of(
                new PipelineStatus("app", State.RUNNING, null, 1200, 1100, 100, List.of(
                        new ComponentStatus("app-files", PluginKind.READER, "file", State.RUNNING, null, 1200),
                        new ComponentStatus("app-json-1", PluginKind.PROCESSOR, "json", State.RUNNING, null, 1200),
                        new ComponentStatus("app-http-1", PluginKind.SENDER, "http", State.FAILING,
                                "connection refused", 1100))),
                new PipelineStatus("backup", State.WAITING, "waiting for plugin sender/kafka", 0, 0, 0, List.of(
                        new ComponentStatus("backup-file-1", PluginKind.READER, "file", State.STOPPED, null, 0),
                        new ComponentStatus("backup-kafka-1", PluginKind.SENDER, "kafka", State.WAITING,
                                "plugin not installed", 0))));

        String text = StatusReport.format(pipelines);

        assertThat(text).isEqualTo(String.join("\n",
                "PIPELINE  STATE      IN   OUT  QUEUED  REASON",
                "  KIND       ID              TYPE   STATE    EVENTS  REASON",
                "app       RUNNING  1200  1100     100",
                "  reader     app-files       file   RUNNING    1200",
                "  processor  app-json-1      json   RUNNING    1200",
                "  sender     app-http-1      http   FAILING    1100  connection refused",
                "backup    WAITING     0     0       0  waiting for plugin sender/kafka",
                "  reader     backup-file-1   file   STOPPED       0",
                "  sender     backup-kafka-1  kafka  WAITING       0  plugin not installed"));
    }

    @Test
    void toleratesMissingPartsAndKeepsEachRowOnOneLine() {
        List<PipelineStatus> pipelines = List.of(
                new PipelineStatus("empty", State.STOPPED, null, 0, 0, 0, null),
                new PipelineStatus("odd", null, "line one\nline two", 5, 4, 1, List.of(
                        new ComponentStatus("x", null, null, null, "bad\tvalue", 7))));

        String text = StatusReport.format(pipelines);

        assertThat(text.split("\n")).containsExactly(
                "PIPELINE  STATE    IN  OUT  QUEUED  REASON",
                "  KIND  ID  TYPE  STATE  EVENTS  REASON",
                "empty     STOPPED   0    0       0",
                "odd                 5    4       1  line one line two",
                "        x                     7  bad value");
    }
}
