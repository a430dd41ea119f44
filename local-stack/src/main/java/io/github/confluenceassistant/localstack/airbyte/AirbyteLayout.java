package io.github.confluenceassistant.localstack.airbyte;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which tables an Airbyte installation leaves in PostgreSQL (spec section 2): the destination version decides
 * raw and/or final tables, the source connector version decides the columns.
 */
public enum AirbyteLayout {

    /** destination-postgres 3.x "Direct Load": final tables only, source-confluence 1.x columns. */
    CONNECTOR_1X_FINAL("1x-final", ConnectorVersion.V1, true, false),
    /** destination-postgres 2.x "Destinations V2": raw and final tables, source-confluence 1.x columns. */
    CONNECTOR_1X_RAW_FINAL("1x-raw-final", ConnectorVersion.V1, true, true),
    /** destination-postgres 2.x: raw and final tables, source-confluence 0.x (REST v1) columns. */
    CONNECTOR_0X_RAW_FINAL("0x-raw-final", ConnectorVersion.V0, true, true),
    /** destination-postgres 3.x with "Disable Final Tables": raw tables only, 1.x records in {@code _airbyte_data}. */
    RAW_ONLY("raw-only", ConnectorVersion.V1, false, true);

    /** The source-confluence generation whose record shape the tables hold. */
    public enum ConnectorVersion { V0, V1 }

    private final String cliName;
    private final ConnectorVersion connectorVersion;
    private final boolean finalTables;
    private final boolean rawTables;

    AirbyteLayout(String cliName, ConnectorVersion connectorVersion, boolean finalTables, boolean rawTables) {
        this.cliName = cliName;
        this.connectorVersion = connectorVersion;
        this.finalTables = finalTables;
        this.rawTables = rawTables;
    }

    public String cliName() {
        return cliName;
    }

    public ConnectorVersion connectorVersion() {
        return connectorVersion;
    }

    public boolean writesFinalTables() {
        return finalTables;
    }

    public boolean writesRawTables() {
        return rawTables;
    }

    public static AirbyteLayout fromCliName(String name) {
        return Arrays.stream(values())
                .filter(layout -> layout.cliName.equalsIgnoreCase(name.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown Airbyte layout '" + name + "': use one of "
                        + Arrays.stream(values()).map(AirbyteLayout::cliName).collect(Collectors.joining(", "))));
    }
}
