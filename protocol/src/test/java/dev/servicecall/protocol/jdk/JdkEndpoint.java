package dev.servicecall.protocol.jdk;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.ServerEndpoint;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** A listening AF_UNIX socket holding the lock on its name. */
final class JdkEndpoint implements ServerEndpoint {
    private final String name;
    private final ServerSocketChannel server;
    private final Path socket;
    private final FileChannel lock;
    private boolean closed;

    JdkEndpoint(String name, ServerSocketChannel server, Path socket, FileChannel lock) {
        this.name = name;
        this.server = server;
        this.socket = socket;
        this.lock = lock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Connection accept() throws IOException {
        SocketChannel channel = server.accept(); // AsynchronousCloseException when closed meanwhile
        try {
            return new JdkConnection(channel);
        } catch (IOException e) {
            JdkUnixBackend.closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        JdkUnixBackend.closeQuietly(server);
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // a stale socket file is removed by the next owner
        }
        JdkUnixBackend.closeQuietly(lock); // releases the lock last: the name is free once this returns
    }
}
