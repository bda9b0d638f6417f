#if canImport(Glibc)
import Glibc
#endif

/// Timing and process helpers for the benchmark.
enum Measure {
    /// Monotonic time in seconds.
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Runs `body` and returns the seconds it took.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = now()
        try body()
        return now() - start
    }

    /// The value at quantile `q` (0…1) of the samples.
    static func quantile(_ samples: [Double], _ q: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        let index = min(sorted.count - 1, max(0, Int((Double(sorted.count) * q).rounded(.up)) - 1))
        return sorted[index]
    }

    /// The result of running a program.
    struct Run {
        var seconds: Double
        var status: Int32
        var maxRSSKiB: Int
        var output: String
    }

    /// Runs a program with its stdout captured (stderr to /dev/null); wall time and peak memory from wait4.
    static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:]) -> Run {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { return Run(seconds: 0, status: -1, maxRSSKiB: 0, output: "") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        var env = ["PATH=/usr/bin:/bin", "LC_ALL=C"]
        for (k, v) in environment { env.append("\(k)=\(v)") }
        let envp = env.map { strdup($0) } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
            posix_spawn_file_actions_destroy(&actions)
        }
        var pid: pid_t = 0
        let start = now()
        guard posix_spawn(&pid, program, &actions, nil, argv, envp) == 0 else {
            close(pipe[0]); close(pipe[1])
            return Run(seconds: 0, status: -1, maxRSSKiB: 0, output: "")
        }
        close(pipe[1])
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        // Peak memory is read from /proc/PID/status (VmHWM) while the program runs: wait4's ru_maxrss would
        // include this process's own peak, inherited through posix_spawn's vfork.
        var peak = 0
        var descriptor = pollfd(fd: pipe[0], events: Int16(POLLIN), revents: 0)
        while true {
            peak = max(peak, highWaterMark(pid))
            let ready = poll(&descriptor, 1, 2)
            if ready == 0 { continue }
            let n = buffer.withUnsafeMutableBytes { read(pipe[0], $0.baseAddress, $0.count) }
            if n <= 0 { break }
            output.append(contentsOf: buffer[0..<n])
        }
        peak = max(peak, highWaterMark(pid))
        close(pipe[0])
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let seconds = now() - start
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : -1
        return Run(seconds: seconds, status: exitStatus, maxRSSKiB: peak,
                   output: String(decoding: output, as: UTF8.self))
    }

    /// VmHWM of a running process in KiB (0 once it has exited).
    static func highWaterMark(_ pid: pid_t) -> Int {
        let fd = open("/proc/\(pid)/status", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return 0 }
        let text = String(decoding: bytes[0..<n], as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.dropFirst(6).filter { $0.isNumber }.map(String.init).joined()) ?? 0
        }
        return 0
    }

    /// The best (smallest) wall time of `repeats` runs.
    static func best(_ repeats: Int, _ program: String, _ arguments: [String], environment: [String: String] = [:]) -> Run {
        var best: Run?
        for _ in 0..<repeats {
            let r = run(program, arguments, environment: environment)
            if best == nil || r.seconds < (best?.seconds ?? .infinity) { best = r }
        }
        return best ?? Run(seconds: 0, status: -1, maxRSSKiB: 0, output: "")
    }
}
