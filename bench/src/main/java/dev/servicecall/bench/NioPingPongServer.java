package dev.servicecall.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service side of the NIO baseline: a blocking {@code AF_UNIX} server written with the JDK
 * alone ({@link UnixDomainSocketAddress}, Java 16+), one thread per connection, answering
 * {@link NioFrames} requests. It is what a careful programmer would write by hand, and the floor
 * for any socket-based transport in Java.
 *
 * <p>Thread-safe; {@link #close()} stops accepting, closes every connection and removes the socket
 * file.
 */
final class NioPingPongServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NioPingPongServer.class.getName());

    private final Path path;
    private final ServerSocketChannel listener;
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private NioPingPongServer(Path path, ServerSocketChannel listener) {
        this.path = path;
        this.listener = listener;
        this.acceptor = new Thread(this::acceptLoop, "nio-bench-accept");
        this.acceptor.setDaemon(true);
    }

    /** Binds {@code path} (which must not exist) and starts serving. */
    static NioPingPongServer start(Path path) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            listener.bind(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        NioPingPongServer server = new NioPingPongServer(path, listener);
        server.acceptor.start();
        return server;
    }

    /** The socket path clients connect to. */
    Path path() {
        return path;
    }

    private void acceptLoop() {
        try {
            while (!closed) {
                SocketChannel connection = listener.accept();
                connections.add(connection);
                Thread worker = new Thread(() -> serve(connection), "nio-bench-conn");
                worker.setDaemon(true);
                worker.start();
            }
        } catch (AsynchronousCloseException e) {
            // close() was called
        } catch (IOException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.ERROR, "accept failed", e);
            }
        }
    }

    private void serve(SocketChannel connection) {
        ByteBuffer header = NioFrames.direct(NioFrames.HEADER_BYTES);
        ByteBuffer nullRest = NioFrames.direct(NioFrames.NULL_REQUEST_BYTES - NioFrames.HEADER_BYTES);
        ByteBuffer nullReply = NioFrames.direct(NioFrames.NULL_REPLY_BYTES);
        ByteBuffer body = NioFrames.direct(BenchRoutines.SMALL_BUFFER);
        try (connection) {
            while (true) {
                header.clear();
                try {
                    NioFrames.readFully(connection, header);
                } catch (EOFException clientLeft) {
                    return;
                }
                int op = header.getInt(0);
                int length = header.getInt(4);
                if (op == NioFrames.OP_NULL) {
                    nullRest.clear();
                    NioFrames.readFully(connection, nullRest);
                    nullReply.clear();
                    nullReply.putInt(0, nullRest.getInt(0) + nullRest.getInt(4));
                    NioFrames.writeFully(connection, nullReply);
                } else if (op == NioFrames.OP_ECHO && length >= 0 && length <= BenchRoutines.LARGE_BUFFER) {
                    if (body.capacity() < length) {
                        body = NioFrames.direct(length);
                    }
                    body.clear().limit(length);
                    NioFrames.readFully(connection, body);
                    EchoTransform.apply(body, length);
                    body.flip();
                    NioFrames.writeFully(connection, body);
                } else {
                    LOG.log(System.Logger.Level.ERROR, "bad request op=" + op + " length=" + length + "; closing");
                    return;
                }
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.DEBUG, "connection ended: " + e);
            }
        } finally {
            connections.remove(connection);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (SocketChannel connection : connections) {
            connection.close();
        }
        Files.deleteIfExists(path);
    }
}
