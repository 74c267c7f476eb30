package dev.glueorch.cli.report;

import dev.glueorch.engine.ActionRun;

/**
 * One job run or crawl on the timeline: its lane, the index of its workflow run in the report's runs, and, when it
 * was reported delayed, by how many minutes ({@code null} otherwise).
 */
public record TimelineBar(int lane, int run, ActionRun action, ShownState state, Long lateByMinutes) {

    public boolean delayed() {
        return lateByMinutes != null;
    }
}
