package fr.beffroi.sim.face.modbus;

import com.digitalpetri.modbus.server.ModbusServices;
import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A digitalpetri Modbus TCP server bound to a host and port, serving one face's {@link
 * ModbusServices}: what every Modbus face shares (bind, learn the real port when asked for port 0,
 * stop), apart from what each face serves.
 */
final class ModbusTcpBinding implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModbusTcpBinding.class);

  private final ModbusTcpServer server;
  private final String label;
  private final String host;
  private final int port;

  private ModbusTcpBinding(ModbusTcpServer server, String label, String host, int port) {
    this.server = server;
    this.label = label;
    this.host = host;
    this.port = port;
  }

  /**
   * Binds before returning.
   *
   * @param label names the face in logs and errors ({@code SunSpec}, {@code BMS})
   * @throws IllegalStateException when the address cannot be bound
   */
  static ModbusTcpBinding start(String label, String host, int port, ModbusServices services)
      throws InterruptedException {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(services, "services");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
    }
    AtomicReference<Channel> serverChannel = new AtomicReference<>();
    NettyTcpServerTransport transport = NettyTcpServerTransport.create(cfg -> {
      cfg.setBindAddress(host);
      cfg.setPort(port);
      // The transport does not expose its bound channel; a parent handler sees it, so port 0 works.
      // SO_REUSEADDR: a simulator restarted on its port (a device coming back) binds at once.
      cfg.setBootstrapCustomizer(bootstrap -> bootstrap.option(ChannelOption.SO_REUSEADDR, true)
          .handler(new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
              serverChannel.set(ctx.channel());
            }
          }));
    });
    ModbusTcpServer server = ModbusTcpServer.create(transport, services);
    try {
      server.start();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot bind " + label + " Modbus server on " + host + ":" + port + ": " + e.getCause(), e);
    }
    int bound = ((InetSocketAddress) serverChannel.get().localAddress()).getPort();
    return new ModbusTcpBinding(server, label, host, bound);
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      server.stop();
      LOG.info("{} Modbus server on {}:{} stopped", label, host, port);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.warn("{} Modbus server on {}:{} did not stop cleanly: {}", label, host, port, e.getCause());
    }
  }
}
