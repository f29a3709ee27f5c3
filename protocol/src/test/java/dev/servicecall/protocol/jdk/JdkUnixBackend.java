package dev.servicecall.protocol.jdk;

import dev.servicecall.protocol.os.BoundName;
import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.OsBackend;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.RoutineNames;
import dev.servicecall.spi.StatusException;
import java.io.IOException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A test-only {@link OsBackend} built from the JDK alone: {@code AF_UNIX} sockets through
 * {@link SocketChannel} and {@link UnixDomainSocketAddress}, exclusivity through
 * {@link FileChannel#tryLock()} on a lock file beside the socket, peer identity = this process
 * (the JDK does not expose SO_PEERCRED's pid). That the protocol module runs its end-to-end tests
 * over this backend also shows it depends on no OS binding.
 */
public final class JdkUnixBackend implements OsBackend {
    private final Path directory;

    /** @param directory the name space; keep it short (AF_UNIX paths are limited to 108 bytes) */
    public JdkUnixBackend(Path directory) {
        this.directory = directory;
    }

    @Override
    public String describe() {
        return "JDK AF_UNIX (test backend) in " + directory;
    }

    @Override
    public void prepareNamespace() throws StatusException {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StatusException(NtStatus.NO_MEMORY, "cannot create " + directory, e);
        }
    }

    Path socketPath(String name) {
        return directory.resolve(name + ".sock");
    }

    @Override
    public ServerEndpoint bind(String name) throws StatusException {
        Path lockPath = directory.resolve(name + ".lock");
        FileChannel lockChannel;
        try {
            lockChannel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StatusException(NtStatus.NO_MEMORY, "cannot open " + lockPath, e);
        }
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new StatusException(NtStatus.NO_MEMORY, "cannot lock " + lockPath, e);
        }
        if (lock == null) {
            closeQuietly(lockChannel);
            throw new StatusException(NtStatus.OBJECT_NAME_EXISTS, "'" + name + "' is held by a live process");
        }
        Path socket = socketPath(name);
        try {
            Files.deleteIfExists(socket); // left by a dead owner: the lock proves nobody owns it
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            return new JdkEndpoint(name, server, socket, lockChannel);
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new StatusException(NtStatus.NO_MEMORY, "cannot listen on " + socket, e);
        }
    }

    @Override
    public Connection connect(String name, long timeoutNanos) throws StatusException {
        Path socket = socketPath(name);
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            return new JdkConnection(channel);
        } catch (SocketException e) {
            closeQuietly(channel);
            throw new StatusException(NtStatus.INVALID_PARAMETER_1, "nothing listens on " + socket, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StatusException(NtStatus.UNSUCCESSFUL, "cannot connect to " + socket, e);
        }
    }

    /**
     * Lists {@code NAME.sock} files; a name is stale when its lock file is missing or can be
     * locked (test backend only: the probe takes the lock for an instant, which a real backend
     * must not do because a concurrent registration would then fail).
     */
    @Override
    public List<BoundName> listNames() throws StatusException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<BoundName> names = new ArrayList<>();
        try (DirectoryStream<Path> sockets = Files.newDirectoryStream(directory, "*.sock")) {
            for (Path socket : sockets) {
                String file = socket.getFileName().toString();
                String name = file.substring(0, file.length() - ".sock".length());
                if (RoutineNames.problem(name) == null) {
                    names.add(isStale(name) ? BoundName.stale(name) : BoundName.live(name));
                }
            }
        } catch (IOException e) {
            throw new StatusException(NtStatus.UNSUCCESSFUL, "cannot list " + directory, e);
        }
        Collections.sort(names);
        return names;
    }

    private boolean isStale(String name) {
        Path lockPath = directory.resolve(name + ".lock");
        if (!Files.exists(lockPath)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // held by this JVM
        } catch (IOException e) {
            return false;
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is best effort here
        }
    }
}
