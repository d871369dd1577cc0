package fr.beffroi.edge.driver.modbus;

import fr.beffroi.profiles.codec.sunspec.UnreadableRegistersException;
import org.apache.plc4x.java.api.PlcConnection;
import org.apache.plc4x.java.api.PlcConnectionManager;
import org.apache.plc4x.java.api.PlcDriverManager;
import org.apache.plc4x.java.api.exceptions.PlcConnectionException;
import org.apache.plc4x.java.api.messages.PlcReadRequest;
import org.apache.plc4x.java.api.messages.PlcReadResponse;
import org.apache.plc4x.java.api.messages.PlcWriteRequest;
import org.apache.plc4x.java.api.messages.PlcWriteResponse;
import org.apache.plc4x.java.api.types.PlcResponseCode;
import org.apache.plc4x.java.api.value.PlcValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Holding registers over Modbus TCP through Apache PLC4X. Takes 0-based protocol addresses, as
 * SunSpec and building-controller maps document them, and turns them into PLC4X's 1-based tag
 * addresses ({@code holding-register:40001} reads protocol address 40000).
 */
public final class Plc4xRegisterLink implements RegisterLink {
    private static final Logger LOG = LoggerFactory.getLogger(Plc4xRegisterLink.class);
    private static final String TAG = "regs";

    private final String deviceId;
    private final PlcConnection connection;
    private final Duration timeout;

    private Plc4xRegisterLink(String deviceId, PlcConnection connection, Duration timeout) {
        this.deviceId = deviceId;
        this.connection = connection;
        this.timeout = timeout;
    }

    /** Connection string for PLC4X's Modbus TCP driver. */
    public static String connectionString(String host, int port, int unitId, Duration timeout) {
        return "modbus-tcp://" + host + ":" + port + "?default-unit-identifier=" + unitId
                + "&request-timeout=" + timeout.toMillis();
    }

    /** Opens links to one device; connections come from one PLC4X manager per opener. */
    public static RegisterLink.Opener opener(String deviceId, String host, int port, int unitId, Duration timeout) {
        String url = connectionString(host, port, unitId, timeout);
        // getDefault() builds a new manager (a class-path scan for drivers) at every call: once per driver
        PlcConnectionManager connections = PlcDriverManager.getDefault().getConnectionManager();
        return () -> open(deviceId, connections, url, timeout);
    }

    private static RegisterLink open(String deviceId, PlcConnectionManager connections, String url, Duration timeout)
            throws IOException {
        PlcConnection connection;
        try {
            connection = connections.getConnection(url);
            if (!connection.isConnected()) {
                connection.connect();
            }
        } catch (PlcConnectionException | RuntimeException e) {
            throw new IOException("cannot connect to " + url + ": " + e.getMessage(), e);
        }
        LOG.debug("device {}: connected to {}", deviceId, url);
        return new Plc4xRegisterLink(deviceId, connection, timeout);
    }

    @Override
    public short[] read(int address, int count) throws IOException {
        String tag = "holding-register:" + (address + 1) + ":UINT[" + count + "]";
        PlcReadResponse response;
        try {
            PlcReadRequest request = connection.readRequestBuilder().addTagAddress(TAG, tag).build();
            response = request.execute().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("no answer within " + timeout + " reading " + tag, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted reading " + tag, e);
        } catch (ExecutionException e) {
            throw new IOException("reading " + tag + " failed: " + e.getCause(), e.getCause());
        } catch (RuntimeException e) {
            throw new IOException("reading " + tag + " failed: " + e, e);
        }
        PlcResponseCode code = response.getResponseCode(TAG);
        if (code == PlcResponseCode.INVALID_ADDRESS || code == PlcResponseCode.NOT_FOUND) {
            throw new UnreadableRegistersException("device refused " + tag + ": " + code);
        }
        if (code != PlcResponseCode.OK) {
            throw new IOException("reading " + tag + " answered " + code);
        }
        PlcValue value = response.getPlcValue(TAG);
        List<? extends PlcValue> values = value.isList() ? value.getList() : List.of(value);
        if (values.size() != count) {
            throw new IOException("asked " + count + " registers at " + tag + ", got " + values.size());
        }
        short[] words = new short[count];
        for (int i = 0; i < count; i++) {
            words[i] = (short) values.get(i).getInt();
        }
        return words;
    }

    @Override
    public void write(int address, short[] words) throws IOException {
        if (words.length < 1 || words.length > 123) {
            throw new IllegalArgumentException("a write takes 1..123 registers, got " + words.length);
        }
        String tag = "holding-register:" + (address + 1) + ":UINT[" + words.length + "]";
        Object[] values = new Object[words.length];
        for (int i = 0; i < words.length; i++) {
            values[i] = words[i] & 0xFFFF;
        }
        PlcWriteResponse response;
        try {
            PlcWriteRequest request = connection.writeRequestBuilder().addTagAddress(TAG, tag, values).build();
            response = request.execute().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("no answer within " + timeout + " writing " + tag, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted writing " + tag, e);
        } catch (ExecutionException e) {
            throw new IOException("writing " + tag + " failed: " + e.getCause(), e.getCause());
        } catch (RuntimeException e) {
            throw new IOException("writing " + tag + " failed: " + e, e);
        }
        PlcResponseCode code = response.getResponseCode(TAG);
        switch (code) {
            case OK -> LOG.debug("device {}: wrote {}", deviceId, tag);
            case INVALID_ADDRESS, NOT_FOUND, INVALID_DATA, INVALID_DATATYPE, ACCESS_DENIED ->
                    throw new UnwritableRegistersException("device refused writing " + tag + ": " + code);
            default -> throw new IOException("writing " + tag + " answered " + code);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception e) {
            LOG.debug("device {}: closing the Modbus connection failed: {}", deviceId, e.toString());
        }
    }
}
