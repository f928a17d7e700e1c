import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Drives tmux on a socket private to this test process (`vrboard-e2e-<pid>`) with a config file of ours
/// (no status line, so the pane is exactly the window size; /bin/sh as the shell; xterm-256color inside).
enum Tmux {
    static let socket = "vrboard-e2e-\(getpid())"

    /// This process's tmux folder: the config and (through TMUX_TMPDIR) the socket, removed when idle.
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vrboard-e2e-\(getpid())-tmux")
    static var config: URL { directory.appendingPathComponent("tmux.conf") }

    static let executable: URL = {
        for dir in Paths.searchPath.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent("tmux")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return URL(fileURLWithPath: "/usr/bin/tmux")
    }()

    /// The environment the tmux server (and so the pane's shell) starts with: nothing of the real user's.
    static var environment: [String: String] {
        [
            "PATH": Paths.searchPath,
            "HOME": directory.path,
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TERM": "xterm-256color",
            "TMUX_TMPDIR": directory.path,
        ]
    }

    /// Writes the config before a session starts (the folder goes when the server does).
    static func prepare() throws {
        _ = removeAtExit
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let text = """
            set -g status off
            set -g default-shell /bin/sh
            set -g default-terminal xterm-256color
            set -g history-limit 2000
            set -g remain-on-exit off

            """
        try text.write(to: config, atomically: true, encoding: .utf8)
    }

    /// The server exits on its own once its last session is killed. Its folder (socket and config) is
    /// removed when the test process exits, not between tests: suites run concurrently, and removing it
    /// while another suite's session is starting would cut that suite off from the server.
    static let removeAtExit: Void = {
        atexit { try? FileManager.default.removeItem(at: Tmux.directory) }
    }()

    /// Kept for the call sites: nothing to do until the process exits (see `removeAtExit`).
    static func cleanUpIfIdle() {}

    @discardableResult
    static func run(_ arguments: [String]) throws -> RunResult {
        try spawnAndWait(executable, ["-L", socket, "-f", config.path] + arguments, environment: environment)
    }
}

/// One tmux session running `vrboard` on a store, followed by `echo EXITED:$?`, a one-line report of the
/// terminal modes (`STTY: …` from `stty -a`) and a long sleep so the pane outlives vrboard for inspection.
/// Always `kill()` it in a defer.
struct BoardSession {
    let name: String
    let sandbox: Sandbox

    /// The terminal modes that a sane, cooked terminal has on; raw mode (curses) turns them off.
    static let saneModes = ["icanon", "echo", "isig", "icrnl", "opost"]

    /// The board on a store.
    init(
        _ label: String, sandbox: Sandbox, store: URL, arguments: [String] = ["--no-mouse"],
        env extra: [String: String] = [:], width: Int = 100, height: Int = 30
    ) throws {
        try self.init(label, sandbox: sandbox, vrboard: ["--store", store.path] + arguments, env: extra, width: width, height: height)
    }

    /// `vrboard ARGUMENTS` (the board, or a subcommand such as `present --store …`). `jobControl`: typed at
    /// an interactive shell (job control: Ctrl-Z stops it, `fg` brings it back).
    init(
        _ label: String, sandbox: Sandbox, vrboard arguments: [String],
        env extra: [String: String] = [:], width: Int = 100, height: Int = 30, jobControl: Bool = false
    ) throws {
        self.sandbox = sandbox
        name = "\(label)-\(UUID().uuidString.prefix(8))"
        var env = sandbox.environment(extra)
        env["TERM"] = env["TERM"] ?? "xterm-256color"
        let assignments = env.keys.sorted().map { "\($0)=\(shellQuote(env[$0]!))" }.joined(separator: " ")
        let vrboard = ([Paths.binary.path] + arguments).map(shellQuote).joined(separator: " ")
        let modes = BoardSession.saneModes.joined(separator: "|")
        let run = "env -i \(assignments) \(vrboard); echo EXITED:$?"
        let command =
            jobControl
            ? "cd \(shellQuote(sandbox.work.path)) && env -i TERM=xterm-256color PATH=/usr/bin:/bin bash --norc --noprofile -i"
            : "cd \(shellQuote(sandbox.work.path)) && \(run); "
                + "printf 'STTY: '; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(\(modes))$' | tr '\\n' ' '; echo; sleep 120"
        // A server left exiting by the previous test's kill-session can refuse the first connection: retry.
        var last: RunResult?
        for _ in 0..<3 {
            try Tmux.prepare()
            let r = try Tmux.run(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command])
            if r.status == 0 {
                last = nil
                break
            }
            last = r
        }
        if let last { throw TestFailure("tmux new-session failed: \(last)") }
        if jobControl {
            _ = try Tmux.run(["send-keys", "-t", name, "-l", run])
            _ = try Tmux.run(["send-keys", "-t", name, "Enter"])
        }
    }

    /// Ends the session and waits for vrboard to be gone (it may still be writing its store on the way out),
    /// so the sandbox can be removed safely afterwards.
    func kill() {
        let pid = try? vrboardPID()
        _ = try? Tmux.run(["kill-session", "-t", name])
        if let pid {
            do {
                _ = try poll(
                    "vrboard (pid \(pid)) to exit after its session was killed", probe: { processIsAlive(pid) },
                    until: { !$0 })
            } catch {
                Issue.record(error)
            }
        }
        Tmux.cleanUpIfIdle()
    }

    /// The pane as plain text (or with SGR escapes when `escapes`).
    func capture(escapes: Bool = false) throws -> String {
        let r = try Tmux.run(["capture-pane", "-p"] + (escapes ? ["-e"] : []) + ["-t", name])
        guard r.status == 0 else { throw TestFailure("tmux capture-pane failed: \(r)") }
        return r.stdout
    }

    /// Sends tmux key names (`Enter`, `Escape`, `C-c`, `BTab`, or single characters).
    func press(_ keys: String...) throws {
        let r = try Tmux.run(["send-keys", "-t", name] + keys)
        guard r.status == 0 else { throw TestFailure("tmux send-keys failed: \(r)") }
    }

    /// Types text literally.
    func type(_ text: String) throws {
        let r = try Tmux.run(["send-keys", "-t", name, "-l", text])
        guard r.status == 0 else { throw TestFailure("tmux send-keys failed: \(r)") }
    }

    func resize(width: Int, height: Int) throws {
        let r = try Tmux.run(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
        guard r.status == 0 else { throw TestFailure("tmux resize-window failed: \(r)") }
    }

    /// Polls the pane until `predicate` holds; fails with the last screen.
    @discardableResult
    func waitFor(
        _ what: String, escapes: Bool = false, timeout: TimeInterval = 10,
        _ predicate: (String) -> Bool
    ) throws -> String {
        try poll(
            "\(what) in tmux session \(name)", timeout: timeout, probe: { try capture(escapes: escapes) },
            until: predicate, show: { "\n" + $0 })
    }

    /// Waits until the screen contains every string in `all` and none in `none`.
    @discardableResult
    func waitFor(_ all: [String], none: [String] = [], timeout: TimeInterval = 10) throws -> String {
        let what = "screen with \(all)" + (none.isEmpty ? "" : " and without \(none)")
        return try waitFor(what, timeout: timeout) { s in all.allSatisfy(s.contains) && !none.contains(where: s.contains) }
    }

    /// The shell process tmux started for the pane.
    func panePID() throws -> pid_t {
        let r = try Tmux.run(["list-panes", "-t", name, "-F", "#{pane_pid}"])
        guard r.status == 0, let pid = pid_t(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestFailure("cannot read the pane pid: \(r)")
        }
        return pid
    }

    /// The vrboard process running in the pane (a child of the pane's shell).
    func vrboardPID() throws -> pid_t {
        let shell = try panePID()
        let kids = try childProcesses(of: shell)
        guard let pid = kids.first(where: { $0.name.hasPrefix("vrboard") })?.pid else {
            throw TestFailure("no vrboard child of pane shell \(shell); children: \(kids)")
        }
        return pid
    }

    /// After vrboard exits: its exit status and the terminal modes the follow-up `stty -a` saw.
    struct Exit {
        let status: Int
        let modes: [String]
        let screen: String
    }

    func waitForExit(timeout: TimeInterval = 10) throws -> Exit {
        let count = BoardSession.saneModes.count
        let screen = try waitFor("EXITED:<status> and the STTY report", timeout: timeout) { s in
            BoardSession.exitStatus(s) != nil && (BoardSession.modes(s)?.count ?? 0) >= count
        }
        return Exit(status: BoardSession.exitStatus(screen)!, modes: BoardSession.modes(screen)!, screen: screen)
    }

    static func exitStatus(_ screen: String) -> Int? {
        // Trimmed: with output post-processing still off (a raw terminal), lines do not return to column 0.
        for line in screen.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) where line.hasPrefix("EXITED:") {
            return Int(line.dropFirst("EXITED:".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    static func modes(_ screen: String) -> [String]? {
        for line in screen.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) where line.hasPrefix("STTY:") {
            return line.dropFirst("STTY:".count).split(separator: " ").map(String.init)
        }
        return nil
    }
}

/// Children of `parent`, from /proc where there is one, else from `ps`.
func childProcesses(of parent: pid_t) throws -> [(pid: pid_t, name: String)] {
    var result: [(pid: pid_t, name: String)] = []
    let fm = FileManager.default
    if fm.fileExists(atPath: "/proc/self/stat") {
        for entry in (try? fm.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
            else { continue }
            // pid (comm) state ppid …
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, pid_t(fields[1]) == parent else { continue }
            result.append((pid, String(stat[stat.index(after: open)..<close])))
        }
        return result
    }
    let r = try runProcess(
        URL(fileURLWithPath: "/bin/ps"), ["-A", "-o", "pid=,ppid=,comm="],
        environment: ["PATH": Paths.searchPath], cwd: URL(fileURLWithPath: "/"))
    for line in r.stdout.split(separator: "\n") {
        let f = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard f.count == 3, let pid = pid_t(f[0]), pid_t(f[1]) == parent else { continue }
        result.append((pid, (String(f[2]) as NSString).lastPathComponent))
    }
    return result
}

/// Whether `pid` is a live process (a zombie counts as gone).
func processIsAlive(_ pid: pid_t) -> Bool {
    if FileManager.default.fileExists(atPath: "/proc/self/stat") {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(after: close)...].split(separator: " ").first
        return state != "Z" && state != "X"
    }
    return kill(pid, 0) == 0
}

/// Text that is on one screen of the NNVRU board and on no other (at 100x30 and larger): what the tmux
/// tests wait for to know where the board is.
enum ScreenText {
    static let overview = "Latest rating changes"
    static let priorityList = "─ Priority 1 ─"
    static let funding = "Grant conditions"
    static let risks = "Heat map (m)"
    static let p1Table = "1. Data, intelligence and evidence base · 7 workstreams"
    static let tabRow = "1 Overview   2 Workstreams   3 Funding   4 Risks"
}
