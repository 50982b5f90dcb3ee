package org.rlautoscaler.autoscaler.swarm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import com.github.dockerjava.api.model.TaskStatus;
import org.junit.jupiter.api.Test;

/** Which tasks count as running replicas. */
class RunningTasksTest {
    private static Task task(TaskState state, TaskState desired) {
        return new Task().withStatus(new TaskStatus().withState(state)).withDesiredState(desired);
    }

    @Test
    void a_task_counts_when_it_runs_and_is_meant_to() {
        assertTrue(SwarmScaler.isRunning(task(TaskState.RUNNING, TaskState.RUNNING)));
        assertFalse(SwarmScaler.isRunning(task(TaskState.STARTING, TaskState.RUNNING)), "not yet running");
        assertFalse(SwarmScaler.isRunning(task(TaskState.RUNNING, TaskState.SHUTDOWN)),
                "on a node that went down, last seen running, already replaced: not counted twice");
        assertFalse(SwarmScaler.isRunning(new Task()), "no status");
    }
}
