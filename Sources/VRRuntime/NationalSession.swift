import VRModel
import VRTerminal
import VRUI

/// The national view in the terminal: the same loop as the board's session, over `NationalState`. Its
/// one effect, opening a VRU's board, is carried out by `openBoard` (the command line runs this program
/// on that board, read-only, in the same terminal) with the terminal handed back for the while.
public enum NationalSession {
    /// Runs until quit or a signal: `start` makes the view at the terminal's size (what fits depends on
    /// it); `openBoard` returns the board's exit status.
    public static func run(colour: Bool, start: (_ width: Int, _ height: Int) -> NationalState, openBoard: (String) -> Int32) {
        func terminal() -> Terminal { Terminal(theme: colour ? .colour : .monochrome, colour: colour, mouse: false) }
        var term = terminal()
        var s = start(term.size.width, term.size.height)
        defer { term.restore() }
        while true {
            term.paint(renderNational(s))
            guard let event = term.read(timeoutMs: 250) else { continue }
            switch event {
            case .signal: return
            case .resize(let w, let h): s.resize(width: w, height: h)
            case .key(let k):
                switch s.send(k) {
                case .none: break
                case .quit: return
                case .open(let location):
                    term.restore()
                    let status = openBoard(location)
                    term = terminal()
                    s.resize(width: term.size.width, height: term.size.height)
                    if status != 0 { s.message = "The board at \(location) could not be opened (exit \(status))" }
                }
            default: break
            }
        }
    }
}
