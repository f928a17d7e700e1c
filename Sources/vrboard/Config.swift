import Foundation
import TOMLKit
import VRModel
import VRStore
import VRTerminal
import VRUI

/// The user's settings, from `$XDG_CONFIG_HOME/vrboard/config.toml` (else `~/.config/vrboard/config.toml`):
///
///     store = "~/vrboard/nnvru"            # the store when --store and VRBOARD_STORE are not given
///     user = "j.smith"                     # the author recorded on changes
///     theme = "high-contrast"              # colour, high-contrast or monochrome (the board; present is high-contrast)
///     marking = "OFFICIAL-SENSITIVE"       # printed at the top and foot of the board pack
///     [keys]
///     "risks.sort" = "o"                   # a binding's id (`vrboard help keys`) and its new key(s)
///     "edit.redo" = ["Ctrl-Y", "Ctrl-R"]
///
/// A bad file is one `file:line: reason` warning and vrboard starts with the defaults.
struct Config: Equatable, Sendable {
    enum ThemeName: String, CaseIterable {
        case colour, highContrast = "high-contrast", monochrome
        var theme: Theme {
            switch self {
            case .colour: .colour
            case .highContrast: .highContrast
            case .monochrome: .monochrome
            }
        }
    }

    var store: String?
    var user: String?
    var theme: ThemeName?
    var marking: String?
    var keys = KeyRemaps()

    static let settings = ["store", "user", "theme", "marking", "keys"]

    /// Where the config file is, from the environment.
    static func path(_ env: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let base = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (home + "/.config")
        return base + "/vrboard/config.toml"
    }

    /// A problem in the file, with its line (1-based; nil when the whole file is at fault).
    struct LineProblem: Error, Equatable, CustomStringConvertible {
        let line: Int?
        let message: String
        var description: String { message }
    }

    /// The settings in effect: the file's, or the defaults with a warning saying where the file is wrong.
    static func load(path: String = Config.path()) -> (config: Config, warning: String?) {
        guard FileManager.default.fileExists(atPath: path) else { return (Config(), nil) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return (Config(), "\(path): cannot be read; using the defaults")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (Config(), "\(path): is not UTF-8 text; using the defaults")
        }
        do {
            return (try parse(text), nil)
        } catch {
            let place = error.line.map { "\(path):\($0)" } ?? path
            return (Config(), Sanitize.display("\(place): \(error.message); using the defaults"))
        }
    }

    static func parse(_ text: String) throws(LineProblem) -> Config {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw LineProblem(line: e.source.begin.line, message: e.description)
        } catch {
            throw LineProblem(line: nil, message: "\(error)")
        }
        func line(of key: String, under section: String? = nil) -> Int? {
            var inSection = section == nil
            for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let l = raw.trimmingCharacters(in: .whitespaces)
                if l.hasPrefix("[") {
                    inSection = section.map { l.hasPrefix("[\($0)]") } ?? false
                    continue
                }
                guard inSection else { continue }
                let name = l.split(separator: "=", maxSplits: 1).first.map {
                    $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                }
                if name == key { return i + 1 }
            }
            return nil
        }
        func string(_ key: String) throws(LineProblem) -> String? {
            guard let v = table[key] else { return nil }
            guard let s = v.string else { throw LineProblem(line: line(of: key), message: "\(key) must be a string, in quotes") }
            if let problem = Limits.textProblem(s, multiLine: false) { throw LineProblem(line: line(of: key), message: "\(key) \(problem)") }
            return s
        }
        var c = Config()
        for key in table.keys where !settings.contains(key) {
            throw LineProblem(
                line: line(of: key), message: "unknown setting '\(Sanitize.display(key))'; the settings are \(settings.joined(separator: ", "))")
        }
        c.store = try string("store").map { ($0 as NSString).expandingTildeInPath }
        c.user = try string("user")
        c.marking = try string("marking")
        if let m = c.marking, m.count > 60 { throw LineProblem(line: line(of: "marking"), message: "marking is over 60 characters") }
        if let t = try string("theme") {
            guard let name = ThemeName(rawValue: t) else {
                throw LineProblem(
                    line: line(of: "theme"), message: "theme '\(t)' is not one of \(ThemeName.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            c.theme = name
        }
        if let v = table["keys"] {
            guard let keys = v.table else { throw LineProblem(line: line(of: "keys"), message: "keys must be a table: [keys] then \"id\" = \"key\"") }
            let ids = Keys.bindingIDs
            var remaps: [String: [Key]] = [:]
            for id in keys.keys.sorted() {
                let at = line(of: id, under: "keys")
                guard ids.contains(id) else {
                    throw LineProblem(
                        line: at, message: "no key binding is called '\(Sanitize.display(id))' (`vrboard help keys` lists the ids, e.g. risks.sort)")
                }
                let names: [String]
                if let one = keys[id]?.string {
                    names = [one]
                } else if let many = keys[id]?.array, many.allSatisfy({ $0.string != nil }), !many.isEmpty {
                    names = many.compactMap(\.string)
                } else {
                    throw LineProblem(line: at, message: "\(id) must be a key (\"o\", \"Ctrl-Y\") or a list of keys")
                }
                var parsed: [Key] = []
                for n in names {
                    guard let k = Key(name: n) else {
                        throw LineProblem(
                            line: at, message: "'\(Sanitize.display(n))' is not a key (write q, Space, Enter, Esc, Tab, Ctrl-R, PgDn, …)")
                    }
                    parsed.append(k)
                }
                remaps[id] = parsed
            }
            let r = KeyRemaps(remaps)
            if let clash = Keys.conflicts(with: r).first {
                // The line of the remap that made it.
                let culprit = [clash.second, clash.first].first { remaps[$0] != nil }
                throw LineProblem(line: culprit.flatMap { line(of: $0, under: "keys") }, message: "[keys] would make \(clash)")
            }
            c.keys = r
        }
        return c
    }
}

/// The settings this run uses, read once; a bad file's warning goes to stderr when first read (and the
/// board shows it in its status line too).
enum Settings {
    static let loaded: (config: Config, warning: String?) = {
        let result = Config.load()
        if let w = result.warning { printErr("vrboard: warning: \(w)") }
        return result
    }()
    static var current: Config { loaded.config }
    /// The author: the option, else the config file's user, else the login name.
    static func user(_ option: String?) -> String { Limits.tabsAsSpaces(option ?? current.user ?? Timestamp.loginName(), multiLine: false) }
}
