package io.github.confluenceassistant.bench.restart;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class KillScheduleTest {

    @Test
    void theSameSeedGivesTheSameMoments() {
        assertThat(moments(7, 1.0)).isEqualTo(moments(7, 1.0)).isNotEqualTo(moments(8, 1.0));
    }

    @Test
    void workKillsFallWithinTheWorkLeftAndStartupKillsWithinStartup() {
        KillSchedule schedule = new KillSchedule(new Random(1), 5_000, 20_000, 300);
        int startup = 0;
        for (int i = 0; i < 1000; i++) {
            KillSchedule.Moment moment = schedule.next(0.25);
            if (moment.duringStartup()) {
                startup++;
                assertThat(moment.delayMillis()).isBetween(300L, 5_000L);
            } else {
                assertThat(moment.delayMillis()).isBetween(0L, 5_000L); // a quarter of 20 s left
            }
        }
        assertThat(startup).as("about a fifth land during start-up").isBetween(150, 250);
    }

    private static List<KillSchedule.Moment> moments(long seed, double workLeft) {
        KillSchedule schedule = new KillSchedule(new Random(seed), 5_000, 20_000, 300);
        List<KillSchedule.Moment> moments = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            moments.add(schedule.next(workLeft));
        }
        return moments;
    }
}
