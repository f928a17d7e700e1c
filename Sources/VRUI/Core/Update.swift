import VRModel
import VRStore
import VRStoreAPI

public enum Msg: Sendable {
    case key(Key)
    case mouse(Mouse)
    case resize(width: Int, height: Int)
    /// Another process saved a change; the board as it now is.
    case boardChanged(Board)
    /// A save landed; the board with it.
    case saved(Edit, board: Board)
    /// A save was refused because the item changed since it was read: both versions.
    case conflict(Edit, theirs: AnyDocument?, board: Board)
    /// A save failed for another reason (disk, permissions); nothing was written.
    case saveFailed(Edit, reason: String)
    /// A page of history arrived for a request: its items, newest first, and whether older ones follow.
    case historyLoaded([HistoryItem], more: Bool = false, for: HistoryRequest? = nil)
    /// The journal could not be read: say why, never show an empty history.
    case historyFailed(String)
    /// Something to tell the user in the status line (a warning from opening, a save's afterthought).
    case notice(String)
    /// The journal does not check (a bad or forged line): the board turns read-only and says why.
    case journalDamaged(String)
    /// Where the presenter of the meeting followed now is (nil: nobody is presenting it).
    case presenterMoved(PresenterPosition?)
    /// The meeting to walk through is in the store (created if new); show it. `fromBoard`: q goes back
    /// to the board (P) rather than quitting (`vrboard present`).
    case presentationReady(meetingID: String, board: Board, fromBoard: Bool = true)
    /// Text pasted in one piece (bracketed paste): inserted as text, never run as keys.
    case paste(String)
    /// Show a screen (the start screen, `--screen`).
    case show(Screen)
    /// The store was opened read-only: every edit key says why (nil: opened with --read-only).
    case readOnly(reason: String?)
    /// The user's key remaps, from the config file.
    case remapKeys(KeyRemaps)
    /// P found no meeting on this day: offer `next`, the next meeting scheduled after it, else ask before
    /// starting one.
    case noMeeting(Day, next: Day? = nil)
    /// A change's document before and after it (nil where the journal does not hold it), for the viewer.
    case entryLoaded(seq: Int, before: AnyDocument?, after: AnyDocument?)
}

/// Side effects the runtime carries out, answering with a message.
public enum Effect: Equatable, Sendable {
    case quit
    /// Ctrl-Z: give the terminal back to the shell until `fg`.
    case suspend
    case save(Edit)
    /// A page of history, read without holding the board up (the runtime answers .historyLoaded).
    case loadHistory(HistoryRequest)
    /// Read one change's document before and after it (the runtime answers .entryLoaded).
    case loadEntry(HistoryItem)
    /// Find the meeting on `on` (default: the board's date), starting a draft when `create`, then answer
    /// .presentationReady, or .noMeeting when there is none and `create` is false.
    case startPresentation(create: Bool, on: Day? = nil)
}

/// The whole behaviour of the UI: pure, synchronous, no I/O. A key goes to the current mode's bindings
/// (`Keys.dispatch`); a click to the current screen's feature.
public func update(_ s: inout AppState, _ msg: Msg) -> [Effect] {
    switch msg {
    case .resize(let w, let h):
        s.width = w
        s.height = h
        s.revealAll()
        return []
    case .boardChanged(let b):
        s.board = b
        return s.feature.boardChanged(&s)
    case .saved(let edit, let board):
        saved(&s, edit, board: board)
        var effects = s.feature.boardChanged(&s)
        // A new item saved on the screen that lists it: the cursor goes to it.
        if edit.before == nil, edit.kind == .change, s.modal == nil, s.presentation == nil, let route = edit.doc.route,
            Features.screens.first(where: { $0.shows(route) })?.screen == s.screen
        {
            effects += s.navigate(to: route)
        }
        return effects
    case .conflict(let edit, let theirs, let board):
        return conflicted(&s, edit, theirs: theirs, board: board)
    case .saveFailed(_, let reason):
        s.message = "Not saved: \(reason)"
        s[dialog: FormMode.self]?.message = "Not saved: \(reason)"
        return []
    case .historyLoaded(let items, let more, let request):
        HistoryScreen.loaded(&s, items, more: more, for: request)
        return []
    case .historyFailed(let reason):
        HistoryScreen.loaded(&s, [], error: reason)
        if s.screen == .history { s.message = "The journal cannot be read: \(reason)" }
        return []
    case .notice(let text):
        s.message = Width.truncate(text, to: 300)
        return []
    case .journalDamaged(let reason):
        s.readOnly = true
        s.readOnlyReason = "the journal does not check (\(reason)); nothing can be saved until `vrboard repair` has been run"
        s.historyScreen.error = reason
        s.message = Width.truncate("Read-only: the journal does not check: \(reason). Run `vrboard validate`, then `vrboard repair`", to: 300)
        return []
    case .presentationReady(let id, let board, let fromBoard):
        s.board = board
        s.presentation = Presentation(meetingID: id, startedAt: s.clock, fromBoard: fromBoard)
        return []
    case .presenterMoved(let position):
        Walkthrough.presenterMoved(&s, position)
        return []
    case .paste(let text):
        if !s.tooSmall { paste(&s, text) }
        return []
    case .show(let screen):
        return switchScreen(&s, to: screen)
    case .readOnly(let reason):
        s.readOnly = true
        if let reason { s.readOnlyReason = reason }
        return []
    case .remapKeys(let remaps):
        s.keyRemaps = remaps
        return []
    case .noMeeting(let day, let next?):
        s.modal = .confirm(
            message:
                "No meeting is recorded on \(day.long). The next scheduled is \(next.long)\(next > s.today ? ", after \(s.board.programme.dateName)" : ""). "
                + s.keyed("Open it? Its slides follow the live board until {walk.hold} starts the meeting."),
            action: .openMeeting(next))
        return []
    case .noMeeting(let day, nil):
        if s.readOnly {
            s.message = "Read-only: there is no meeting on \(day.long) and starting one records it (\(s.readOnlyReason))"
            return []
        }
        s.modal = .confirm(
            message: "No meeting is recorded on \(day.long). "
                + s.keyed("Start a draft meeting for it? Its slides follow the live board until {walk.hold} starts the meeting."),
            action: .startMeeting(day))
        return []
    case .entryLoaded(let seq, let before, let after):
        if s[dialog: ViewerMode.self]?.pending == seq { s[dialog: ViewerMode.self]?.show(before: before, after: after) }
        return []
    case .mouse(let m):
        switch s.mode {
        case .walkthrough:
            // On a shared screen a click moves on and the wheel pages, like a clicker.
            if m.kind == .wheelUp { Walkthrough.previous(&s) } else { Walkthrough.next(&s) }
            return []
        case .browsing:
            return mouse(&s, m)
        default:
            return []
        }
    case .key(let k):
        s.message = nil
        let effects = Keys.dispatch(&s, k)
        // A key moves at most the screen it leaves the board on.
        if s.mode == .browsing { s.feature.reveal(&s, Layout(width: s.width, height: s.height)) }
        return effects + s.feature.afterInput(&s)
    }
}

private func mouse(_ s: inout AppState, _ m: Mouse) -> [Effect] {
    let l = Layout(width: s.width, height: s.height)
    var effects: [Effect] = []
    switch m.kind {
    case .wheelUp: s.feature.move(&s, by: -3, l)
    case .wheelDown: s.feature.move(&s, by: 3, l)
    case .click where m.y == 1:
        // The tab row, as drawn.
        for tab in tabs(s) where m.x >= tab.x && m.x < tab.x + Width.of(tab.text) { return switchScreen(&s, to: tab.screen) }
        return []
    case .click:
        effects = s.feature.click(&s, m, l)
    }
    s.feature.reveal(&s, l)
    return effects + s.feature.afterInput(&s)
}

/// Pasted text goes to whatever has the keyboard, as text (never as keys).
func paste(_ s: inout AppState, _ text: String) {
    if let m = s.modal {
        pasteInto(m.feature, &s, text)
    } else if s.mode == .searching {
        SearchBox.edit(&s) { q in
            q += text.filter { !$0.isNewline }
            if q.count > 200 { q = String(q.prefix(200)) }
        }
    }
}

private func pasteInto<F: DialogFeature>(_ f: F.Type, _ s: inout AppState, _ text: String) {
    // Not into a question (discard?) the dialog is asking.
    guard let d = s[dialog: f], F.mode(d) == F.modes[0] else { return }
    F.paste(&s, text)
}
