#if canImport(Glibc)
    import Glibc
#endif
import VRModel

/// UTC timestamps in ISO 8601 (`2021-11-02T09:00:00Z`), which sort as text.
public enum Timestamp {
    public static func now() -> String { format(time(nil)) }

    public static func format(_ t: time_t) -> String {
        var tmv = tm()
        var tt = t
        gmtime_r(&tt, &tmv)
        func p(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(tmv.tm_year + 1900)-\(p(tmv.tm_mon + 1))-\(p(tmv.tm_mday))T\(p(tmv.tm_hour)):\(p(tmv.tm_min)):\(p(tmv.tm_sec))Z"
    }

    public static func today() -> Day { Day.today() }

    /// The operating-system login of this process (its effective user), as the system knows it: recorded on
    /// every change beside the name given with --user, which anyone may choose.
    public static func osLogin() -> String {
        if let pw = getpwuid(geteuid()), let n = pw.pointee.pw_name { return String(cString: n) }
        return "uid \(geteuid())"
    }

    /// The login name, for the author of a change.
    public static func loginName() -> String {
        if let u = getenv("USER"), let s = String(validatingCString: u), !s.isEmpty { return s }
        if let pw = getpwuid(getuid()), let n = pw.pointee.pw_name { return String(cString: n) }
        return "unknown"
    }
}
