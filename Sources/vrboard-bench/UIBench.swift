import Foundation
import VRModel
import VRStore
import VRUI
import VRGenerate
import VRPostgres
import VRStoreAPI

/// Front-end timings on the large store: start to first frame, and one keypress (update + render).
enum UIBench {
    /// Open, build the state, and draw the first frame (of `screen`, when given: its key pressed first).
    static func firstFrame(path: String, screen: Character? = nil) throws -> Double {
        try seconds {
            let store = try Store(path: path, readOnly: true)
            var state = AppState(board: store.board, width: 120, height: 36)
            if let screen { _ = update(&state, .key(.char(screen))) }
            _ = render(state)
        }
    }

    /// The median and p99 of 600 keypresses (update + render) scrolling down and up the list shown.
    static func scrolling(_ s: inout AppState) -> String {
        var times: [Double] = []
        for i in 0..<600 {
            times.append(
                seconds {
                    _ = update(&s, .key(i % 300 < 150 ? .down : .up))
                    _ = render(s)
                })
        }
        return "median \(ms(percentile(times, 0.5))), p99 \(ms(percentile(times, 0.99)))"
    }

    static func run(_ board: Board, path: String) throws {
        for (screen, label) in [(nil, ""), (Character("6"), " of the Interventions screen"), (Character("3"), " of the Funding screen")] {
            let times = try (0..<5).map { _ in try firstFrame(path: path, screen: screen) }
            print(
                "start to first frame\(label) (open + state + \(screen.map { "\($0) + " } ?? "")render 120x36): median \(ms(percentile(times, 0.5)))")
        }
        for (label, rows) in [("120x36", (120, 36)), ("200x60", (200, 60))] {
            var s = AppState(board: board, width: rows.0, height: rows.1)
            _ = update(&s, .key(.char("2")))
            _ = update(&s, .key(.enter))
            let wsCount = s.workstreamsScreen.workstreamRows.count
            print("keypress scrolling \(wsCount) workstreams at \(label): \(scrolling(&s))")
            _ = update(&s, .key(.char("4")))
            print("keypress scrolling \(s.risksScreen.rows.count) risks at \(label): \(scrolling(&s))")
            _ = update(&s, .key(.char("6")))
            print("keypress scrolling \(s.interventionsScreen.rows.count) interventions at \(label): \(scrolling(&s))")
            _ = update(&s, .key(.char("t")))
            print("keypress scrolling \(s.interventionsScreen.evaluations.count) evaluations at \(label): \(scrolling(&s))")
            _ = update(&s, .key(.char("t")))
            print(
                "keypress on reach by level and the register's budgets and spend (\(board.interventions.count) interventions) at \(label): \(scrolling(&s))"
            )
            _ = update(&s, .key(.char("3")))
            _ = update(&s, .key(.char("t")))
            print(
                "keypress on the budget monitoring (\(board.funding.categories.count) categories, \(board.funding.spend.count) actuals) at \(label): \(scrolling(&s))"
            )
        }
        // A comment of 1,000,000 characters on the selected workstream's newest rating (words, and one
        // unbroken run): the workstreams screen's frame costs what it shows.
        for (label, comment) in [
            ("words", String(repeating: "evidence ", count: 111_112)), ("one unbroken run", String(repeating: "x", count: 1_000_000)),
        ] {
            var s = AppState(board: board, width: 120, height: 36)
            _ = update(&s, .key(.char("2")))
            _ = update(&s, .key(.enter))
            guard var w = s.selectedWorkstream else { continue }
            var long = board
            try w.rate(.inYear, to: w.inYear == .red ? .green : .red, by: "bench", at: "2021-11-01T09:00:00Z", comment: comment)
            long.workstreams.put(w)
            s.board = long
            let times = (0..<10).map { _ in seconds { _ = render(s) } }
            print(
                "frame of the workstreams screen with a 1,000,000-character comment (\(label)) selected at 120x36: median \(ms(percentile(times, 0.5)))"
            )
        }

        // A filter key on the register: every intervention's lateness and reach worked out again.
        /// One key pressed 20 times on a screen, each followed by a frame: the median.
        func keyOn(_ screen: Character, _ key: Character) -> (String, AppState) {
            var s = AppState(board: board, width: 120, height: 36)
            _ = update(&s, .key(.char(screen)))
            let times = (0..<20).map { _ in
                seconds {
                    _ = update(&s, .key(.char(key)))
                    _ = render(s)
                }
            }
            return (ms(percentile(times, 0.5)), s)
        }
        print("filter \(board.interventions.count) interventions by overdue returns (o key) + render: median \(keyOn("6", "o").0)")
        let (sortTime, s) = keyOn("4", "s")
        print("re-sort \(s.risksScreen.rows.count) risks (s key) + render: median \(sortTime)")

        // The walkthrough: a page turn draws the slide it lands on whole (to know its pages), then the page;
        // on this store and on a board of a real VRU's size.
        for (label, b) in [("", board), (" (a board of 25 workstreams, 15 risks)", Generator.board(workstreams: 25, risks: 15))] {
            var withMeeting = b
            var m = Meeting.new(on: b.programme.asAt, board: b, author: "bench")
            m.id = "bench"
            // Held, as in the meeting proper: the slides draw from its snapshot.
            m.hold(board: b, seq: nil, at: "\(b.programme.asAt)T10:00:00Z")
            withMeeting.meetings.put(m)
            var w = AppState(board: withMeeting, width: 120, height: 36)
            w.presentation = Presentation(meetingID: "bench", startedAt: 0)
            // Turning between the highlight report's first two pages: its change list is the longest.
            let highlight = w.slideIndex(of: .highlight) ?? 0
            w.presentation?.slide = highlight
            let pages = w.slidePages.count
            let turns = (0..<10).map { i in
                seconds {
                    _ = update(&w, .key(i % 2 == 0 ? .char(" ") : .left))
                    _ = render(w)
                }
            }
            print(
                "walkthrough page turn\(label) (\(pages) pages for \(b.activeWorkstreams.count) workstreams) + render at 120x36: median \(ms(percentile(turns, 0.5)))"
            )
        }
    }
}

/// Held meetings keep a position, not a copy: the first frame and `history --limit 20` on the generated
/// store with 0, 1 and 20 held meetings; and the third VRU of the project's own making.
enum MeetingBench {
    static func run(root: String, source: String) throws {
        var stores: [(count: Int, path: String)] = []
        for count in [0, 1, 20] {
            let path = root + "/held-\(count)"
            try FileManager.default.copyItem(atPath: source, toPath: path)
            let store = try Stores.open(path)
            for i in 0..<count {
                let day = store.board.programme.asAt.adding(days: -7 * (count - i))
                var m = Meeting.new(on: day, board: store.board, author: "bench")
                try store.commit(.meeting(m), baseRev: 0, by: "bench", note: "draft", at: "\(day)T09:00:00Z")
                m = store.board.meetings[m.id]!
                let base = m.rev
                m.hold(board: store.board, seq: store.board.holdPosition, at: "\(day)T10:00:00Z")
                try store.commit(.meeting(m), baseRev: base, by: "bench", note: "held", at: "\(day)T10:00:00Z")
            }
            try store.close()
            stores.append((count, path))
        }
        var frames: [Int: [Double]] = [:], pages: [Int: [Double]] = [:]
        // Interleaved, so drift on a busy machine falls on all three alike.
        for _ in 0..<7 {
            for (count, path) in stores {
                frames[count, default: []].append(try UIBench.firstFrame(path: path))
                pages[count, default: []].append(try seconds { _ = try Store.history(path, HistoryQuery(id: nil, limit: 20)) })
            }
        }
        func line(_ label: String, _ t: [Int: [Double]]) -> String {
            let base = percentile(t[0]!, 0.5)
            return "\(label) with 0, 1, 20 held meetings: "
                + [0, 1, 20].map { c in
                    let m = percentile(t[c]!, 0.5)
                    return c == 0 ? ms(m) : "\(ms(m)) (\(String(format: "%+.1f%%", (m - base) / base * 100)))"
                }.joined(separator: ", ")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: stores[2].path + "/meetings.json")[.size] as? Int) ?? 0
        print(line("start to first frame", frames) + " · meetings.json with 20 held: \(size.grouped) bytes")
        print(line("history --limit 20", pages))
        // Showing a held meeting rebuilds its board from the journal once (then it is kept for the session):
        // here a meeting with 1,000 changes saved since.
        let writer = try Stores.open(stores[1].path)
        _ = try ratingSaves(1_000, board: { writer.board }, comment: "after the meeting") { doc, base in
            try writer.commit(doc, baseRev: base, by: "bench", note: "bench", at: Timestamp.now())
        }
        try writer.close()
        let store = try Stores.open(stores[1].path, readOnly: true)
        let first = store.board.meetings.items.first!
        let rebuild = seconds { _ = first.shown(live: store.board) }
        print("show a held meeting's board (rebuilt from the journal, \(store.lastSeq - first.heldSeq!) changes since): \(ms(rebuild))")

        let third = root + "/third-vru"
        try Store.create(at: third, board: Generator.thirdVRU(), dataset: nil)
        let t = try (0..<5).map { _ in try UIBench.firstFrame(path: third) }
        print(
            "start to first frame, the third VRU (40 priorities, 300 workstreams WS-01.001…, 1,500 risks, £35.84M): median \(ms(percentile(t, 0.5)))")
    }
}
