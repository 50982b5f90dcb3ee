package org.rlautoscaler.autoscaler.agent.original;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.autoscaler.agent.AgentFileException;
import org.rlautoscaler.autoscaler.env.Limits;

/**
 * The latency original's table.csv: the notebook printed the first ten rows of its table after
 * 100 epochs (In [38]); written from those values, the file has the same rows, in build_table's
 * order, and reads back to the same table.
 */
class TableCsvTest {
    private static final Limits ONE_TO_THREE = new Limits(1, 3);

    /** In [38], without pandas' index column. */
    private static final List<String> NOTEBOOK_ROWS = List.of(
            "pod,initial_latency,end_latency,initial_request,end_request,1,2,3",
            "1,0,500,0,18,1.96,-0.92,-0.74",
            "2,0,500,0,18,-1.4,-1.46,-1.94",
            "3,0,500,0,18,-2.3,-1.64,-2.96",
            "1,501,1000,0,18,0.0,0.0,0.0",
            "2,501,1000,0,18,1.84,-2.0,5.54",
            "3,501,1000,0,18,-0.92,0.94,-1.94",
            "1,1001,1500,0,18,0.0,0.0,0.0",
            "2,1001,1500,0,18,0.0,0.0,0.0",
            "3,1001,1500,0,18,0.0,0.0,0.0",
            "1,1501,2000,0,18,0.0,0.0,0.0");

    @TempDir
    Path dir;

    /** The notebook's agent with the printed rows' values. */
    private static LatencyTableAgent notebookAgent() {
        LatencyTableAgent agent = LatencyTableAgent.original(ONE_TO_THREE, LatencyTableAgent.defaults(), 1);
        for (String line : NOTEBOOK_ROWS.subList(1, NOTEBOOK_ROWS.size())) {
            String[] cells = line.split(",");
            int pods = Integer.parseInt(cells[0]);
            int state = agent.state(new org.rlautoscaler.autoscaler.env.Observation(pods, pods, Double.NaN, Double.NaN,
                    Double.NaN, Double.parseDouble(cells[3]) / 30, Double.parseDouble(cells[1]), Double.NaN));
            for (int a = 0; a < 3; a++) {
                agent.learner().table().set(state, a, Double.parseDouble(cells[5 + a]));
            }
        }
        return agent;
    }

    @Test
    void written_the_first_rows_are_the_notebooks_and_there_are_36_in_build_tables_order() throws IOException {
        LatencyTableAgent agent = notebookAgent();
        Path json = dir.resolve("latency-table-qtable.json");
        agent.save(json);
        List<String> lines = Files.readAllLines(dir.resolve("table.csv"));
        assertEquals(37, lines.size());
        assertEquals(NOTEBOOK_ROWS, lines.subList(0, 11));
        // request interval, then latency interval, then pod: row 12 starts the second request interval
        assertEquals("1,0,500,19,36,0.0,0.0,0.0", lines.get(13));
        assertEquals("3,1501,2000,37,54,0.0,0.0,0.0", lines.get(36));
    }

    @Test
    void read_back_it_is_the_same_table_whatever_the_row_order() throws Exception {
        LatencyTableAgent written = notebookAgent();
        written.save(dir.resolve("latency-table-qtable.json"));
        Path csv = dir.resolve("table.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        // the original finds rows by content: a table with its rows shuffled reads the same
        java.util.Collections.reverse(lines.subList(1, lines.size()));
        Files.write(csv, lines);
        LatencyTableAgent read = LatencyTableAgent.original(ONE_TO_THREE, LatencyTableAgent.defaults(), 2);
        read.loadTableCsv(csv);
        assertArrayEquals(written.learner().table().values(), read.learner().table().values(), 0.0);
    }

    @Test
    void a_table_of_other_intervals_or_pods_is_refused_with_what_differs() throws Exception {
        notebookAgent().save(dir.resolve("latency-table-qtable.json"));
        Path csv = dir.resolve("table.csv");
        LatencyTableAgent scaled = new LatencyTableAgent(ONE_TO_THREE, LatencyTableDesign.ORIGINAL.scaledToPeak(1700),
                LatencyTableAgent.defaults(), 1);
        AgentFileException requests = assertThrows(AgentFileException.class, () -> scaled.loadTableCsv(csv));
        assertEquals(csv + " row 1: requests 0-18 are not one of 0-17000, 17001-34000, 34001-51000 per 30 s "
                + "(--initial-request, --request-intervals, --no-scale-request-intervals)", requests.getMessage());
        LatencyTableAgent fourPods = LatencyTableAgent.original(new Limits(1, 4), LatencyTableAgent.defaults(), 1);
        AgentFileException pods = assertThrows(AgentFileException.class, () -> fourPods.loadTableCsv(csv));
        assertEquals(csv + " has the columns pod,initial_latency,end_latency,initial_request,end_request,1,2,3; a table of "
                + "pods 1 to 4 has pod,initial_latency,end_latency,initial_request,end_request,1,2,3,4", pods.getMessage());
    }
}
