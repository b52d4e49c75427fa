package io.tailpost.itests.support;

import java.nio.file.Path;

/** The configuration most tests start from, in the agent's YAML. */
public final class PipelineYaml {
    private PipelineYaml() {
    }

    /**
     * One pipeline that reads {@code <logs>/*.log} and sends to {@code url} over HTTP.
     *
     * @param senderOptions YAML lines of the http sender, after its url (each ending in a newline)
     * @param pipelineOptions YAML lines of the pipeline after its senders, e.g. a buffer block
     */
    public static String fileToHttp(String pipeline, Path logs, String url, String senderOptions,
            String pipelineOptions) {
        return """
                pipelines:
                  %s:
                    readers:
                      - type: file
                        paths: ["%s/*.log"]
                    senders:
                      - type: http
                        url: %s
                %s%s""".formatted(pipeline, logs, url, senderOptions.indent(8), pipelineOptions.indent(4));
    }
}
