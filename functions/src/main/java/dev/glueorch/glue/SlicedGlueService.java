package dev.glueorch.glue;

import dev.glueorch.contract.GlueAccessSlices;
import dev.glueorch.engine.GlueService;
import dev.glueorch.model.NodeType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This account's Glue through the Glue access roles ("slices") the stack creates when the exact ARNs of every job
 * and crawler do not fit the function roles' own policies: each call goes to the Glue of the role whose policies name
 * its job or crawler ({@link GlueAccessSlices#sliceOf}), the same hash the stack used to write them.
 *
 * <p>A slice's role is assumed through {@link SdkGlueService#forRole}, as a cross-account RoleArn is: one pair of
 * clients per role, built on the first call for one of its names (so a SnapStart snapshot holds no role's
 * credentials), with credentials cached and refreshed by the SDK's provider before they expire: one STS AssumeRole per
 * slice per execution environment per hour. Starts keep {@link SdkGlueService}'s rules (never resent, a lost answer
 * is an unknown outcome), since the slice's service is one. Actions with a RoleArn of their own keep going straight
 * to that role, with the function's own credentials.
 */
public final class SlicedGlueService implements GlueService {

    private final GlueService direct;
    private final List<String> roleArns;

    /**
     * @param direct   Glue with the function's own credentials, which assumes the roles
     * @param roleArns the slices' role ARNs, slice 0 first
     */
    public SlicedGlueService(GlueService direct, List<String> roleArns) {
        if (roleArns.isEmpty()) {
            throw new IllegalArgumentException("a sliced Glue needs at least one Glue access role");
        }
        this.direct = direct;
        this.roleArns = List.copyOf(roleArns);
    }

    /** The role ARN that may use the job or crawler {@code name}. */
    public String roleFor(NodeType type, String name) {
        return roleArns.get(GlueAccessSlices.sliceOf(type, name, roleArns.size()));
    }

    @Override
    public String startJobRun(String jobName, Map<String, String> arguments, Integer timeout,
                              String securityConfiguration, Integer notifyDelayAfter) {
        return job(jobName).startJobRun(jobName, arguments, timeout, securityConfiguration, notifyDelayAfter);
    }

    @Override
    public void startCrawler(String crawlerName) {
        crawler(crawlerName).startCrawler(crawlerName);
    }

    @Override
    public Map<String, String> stopJobRuns(String jobName, List<String> jobRunIds) {
        return job(jobName).stopJobRuns(jobName, jobRunIds);
    }

    @Override
    public Optional<JobRunStatus> jobRun(String jobName, String jobRunId) {
        return job(jobName).jobRun(jobName, jobRunId);
    }

    @Override
    public Optional<JobRunStatus> findJobRun(String jobName, String actionId) {
        return job(jobName).findJobRun(jobName, actionId);
    }

    @Override
    public Optional<CrawlStatus> lastCrawl(String crawlerName) {
        return crawler(crawlerName).lastCrawl(crawlerName);
    }

    /** Another account's Glue, through its role assumed with the function's own credentials, as without slices. */
    @Override
    public GlueService forRole(String roleArn, String externalId) {
        return roleArn == null ? this : direct.forRole(roleArn, externalId);
    }

    private GlueService job(String jobName) {
        return direct.forRole(roleFor(NodeType.JOB, jobName), null);
    }

    private GlueService crawler(String crawlerName) {
        return direct.forRole(roleFor(NodeType.CRAWLER, crawlerName), null);
    }
}
