package io.github.confluenceassistant.batch.partition;

import io.github.confluenceassistant.batch.confluence.PageSelection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The partitioned page step's plan: which pages each worker reads. The plan is made once per job execution and
 * kept in the manager step's execution context, so that a restart reuses exactly the same partitions (each resumes
 * from its own last committed page) even if Airbyte's tables changed meanwhile.
 */
public class SpacePartitioner implements Partitioner {

    private static final Logger log = LoggerFactory.getLogger(SpacePartitioner.class);
    static final String PLAN_KEY = "partition.plan";
    private static final String SPACES_KEY = "partition.spaces";
    private static final String SLICE_KEY = "partition.slice";
    private static final String SLICES_KEY = "partition.slices";

    private final Supplier<List<PageSelection>> planner;
    private final StepExecution managerExecution;
    private final JobRepository jobRepository;

    public SpacePartitioner(Supplier<List<PageSelection>> planner, StepExecution managerExecution,
                            JobRepository jobRepository) {
        this.planner = planner;
        this.managerExecution = managerExecution;
        this.jobRepository = jobRepository;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        ExecutionContext managerContext = managerExecution.getExecutionContext();
        List<PageSelection> plan;
        if (managerContext.containsKey(PLAN_KEY)) {
            plan = decodePlan(managerContext.getString(PLAN_KEY));
            log.info("Restart: reusing the {} partitions planned by the failed execution", plan.size());
        } else {
            plan = planner.get();
            managerContext.putString(PLAN_KEY, encodePlan(plan));
            jobRepository.updateExecutionContext(managerExecution);
            log.info("Page step in {} partitions: {}", plan.size(), plan);
        }
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            ExecutionContext context = new ExecutionContext();
            write(plan.get(i), context);
            partitions.put("p" + i, context);
        }
        return partitions;
    }

    /** The selection a worker step was given, or empty for the unpartitioned step. */
    public static Optional<PageSelection> selectionOf(ExecutionContext workerContext) {
        if (!workerContext.containsKey(SLICES_KEY)) {
            return Optional.empty();
        }
        return Optional.of(decode(workerContext.getString(SPACES_KEY), workerContext.getInt(SLICE_KEY),
                workerContext.getInt(SLICES_KEY)));
    }

    private static void write(PageSelection selection, ExecutionContext context) {
        context.putString(SPACES_KEY, encodeSpaces(selection));
        context.putInt(SLICE_KEY, selection.slice());
        context.putInt(SLICES_KEY, selection.slices());
    }

    // Space keys are letters and digits in Confluence; "*" stands for all spaces.
    private static String encodeSpaces(PageSelection selection) {
        return selection.spaceKeys().map(keys -> String.join(",", keys)).orElse("*");
    }

    private static PageSelection decode(String spaces, int slice, int slices) {
        Optional<List<String>> keys = "*".equals(spaces) ? Optional.empty()
                : Optional.of(spaces.isEmpty() ? List.of() : Arrays.asList(spaces.split(",")));
        return new PageSelection(keys, slice, slices);
    }

    private static String encodePlan(List<PageSelection> plan) {
        StringBuilder text = new StringBuilder();
        plan.forEach(p -> text.append(encodeSpaces(p)).append('|').append(p.slice()).append('|').append(p.slices()).append('\n'));
        return text.toString();
    }

    private static List<PageSelection> decodePlan(String text) {
        return text.lines().filter(line -> !line.isBlank()).map(line -> {
            String[] parts = line.split("\\|", -1);
            return decode(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        }).toList();
    }
}
