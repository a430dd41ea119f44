package io.github.confluenceassistant.bench;

import tools.jackson.databind.node.ObjectNode;

import java.lang.management.ManagementFactory;

/** What the figures were measured on: they mean little without it. */
public final class MachineInfo {

    private MachineInfo() {
    }

    public static ObjectNode json() {
        ObjectNode machine = BenchJson.object();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            machine.put("memory_mb", os.getTotalMemorySize() / (1024 * 1024));
        }
        machine.put("java", Runtime.version().toString());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return machine;
    }
}
