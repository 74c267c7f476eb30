package dev.glueorch.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glueorch.model.NodeType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The one slice function the stack and the functions share: stable across releases, and spreading names. */
class GlueAccessSlicesTest {

    @Test
    void sliceOf_shouldMapAFixedNameToAFixedSlice() {
        // GIVEN names whose slices a deployed stack wrote into its roles' policies (SHA-256 of "job/ingest-orders"
        // starts 0x74E698FA = 1,961,269,498)
        // WHEN / THEN they stay in the same slice: a change would deny every deployed stack its own jobs
        assertThat(GlueAccessSlices.sliceOf(NodeType.JOB, "ingest-orders", 4)).isEqualTo(2);
        assertThat(GlueAccessSlices.sliceOf(NodeType.JOB, "ingest-orders", 7)).isEqualTo(6);
        assertThat(GlueAccessSlices.sliceOf(NodeType.JOB, "archive-orders", 4)).isEqualTo(3);
        assertThat(GlueAccessSlices.sliceOf(NodeType.CRAWLER, "catalog-orders", 7)).isEqualTo(4);
        assertThat(GlueAccessSlices.sliceOf(NodeType.JOB, "anything", 1)).isZero();
    }

    @Test
    void sliceOf_shouldSpreadNamesEvenlyOverTheSlices() {
        // GIVEN 1,000 job names of an estate
        List<String> names = IntStream.range(0, 1_000).mapToObj(i -> "team" + i % 10 + "-wf" + i + "-job").toList();

        // WHEN they are sliced in 5
        Map<Integer, Long> perSlice = names.stream().collect(Collectors.groupingBy(
                name -> GlueAccessSlices.sliceOf(NodeType.JOB, name, 5), Collectors.counting()));

        // THEN every slice gets about a fifth
        assertThat(perSlice).containsOnlyKeys(0, 1, 2, 3, 4);
        assertThat(perSlice.values()).allSatisfy(count -> assertThat(count).isBetween(160L, 240L));
    }

    @Test
    void sliceOf_shouldHashTheJobAndTheCrawlerOfOneNameApart() {
        // GIVEN 200 names each used by a job and a crawler; WHEN / THEN their slices are not always the same
        long same = IntStream.range(0, 200).mapToObj(i -> "name-" + i)
                .filter(name -> GlueAccessSlices.sliceOf(NodeType.JOB, name, 4)
                        == GlueAccessSlices.sliceOf(NodeType.CRAWLER, name, 4))
                .count();
        assertThat(same).isBetween(20L, 100L);
    }

    @Test
    void sliceOf_shouldRefuseATriggerAndNoSlices() {
        assertThatThrownBy(() -> GlueAccessSlices.sliceOf(NodeType.TRIGGER, "t", 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("job or crawler");
        assertThatThrownBy(() -> GlueAccessSlices.sliceOf(NodeType.JOB, "j", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    @Test
    void roleArns_shouldReadTheEnvironmentValueWritten() {
        List<String> arns = List.of("arn:aws:iam::123456789012:role/glue-orchestrator-glue-access-0",
                "arn:aws:iam::123456789012:role/glue-orchestrator-glue-access-1");
        assertThat(GlueAccessSlices.roleArns(GlueAccessSlices.environmentValue(arns))).isEqualTo(arns);
        assertThat(GlueAccessSlices.roleArns(null)).isEmpty();
        assertThat(GlueAccessSlices.roleArns(" ")).isEmpty();
    }
}
