import Foundation
import VRModel
import VRStore
import VRUI
import VRGenerate

/// Front-end timings on the large store: start to first frame, and one keypress (update + render).
enum UIBench {
    static func firstFrame(path: String) throws -> Double {
        try seconds {
            let store = try Store(path: path, readOnly: true)
            let state = AppState(board: store.board, width: 120, height: 36)
            _ = render(state)
        }
    }

    static func run(_ board: Board, path: String) throws {
        let ff = try (0..<5).map { _ in try firstFrame(path: path) }
        print("start to first frame (open + state + render 120x36): median \(ms(percentile(ff, 0.5)))")
        for (label, rows) in [("120x36", (120, 36)), ("200x60", (200, 60))] {
            var s = AppState(board: board, width: rows.0, height: rows.1)
            _ = update(&s, .key(.char("2")))
            _ = update(&s, .key(.enter))
            let wsCount = s.workstreamsScreen.workstreamRows.count
            var times: [Double] = []
            for i in 0..<600 {
                times.append(
                    seconds {
                        _ = update(&s, .key(i % 300 < 150 ? .down : .up))
                        _ = render(s)
                    })
            }
            print("keypress scrolling \(wsCount) workstreams at \(label): median \(ms(percentile(times, 0.5))), p99 \(ms(percentile(times, 0.99)))")
            _ = update(&s, .key(.char("4")))
            times = []
            for i in 0..<600 {
                times.append(
                    seconds {
                        _ = update(&s, .key(i % 300 < 150 ? .down : .up))
                        _ = render(s)
                    })
            }
            print(
                "keypress scrolling \(s.risksScreen.rows.count) risks at \(label): median \(ms(percentile(times, 0.5))), p99 \(ms(percentile(times, 0.99)))"
            )
        }
        var s = AppState(board: board, width: 120, height: 36)
        _ = update(&s, .key(.char("4")))
        let sortTimes = (0..<20).map { _ in
            seconds {
                _ = update(&s, .key(.char("s")))
                _ = render(s)
            }
        }
        print("re-sort \(s.risksScreen.rows.count) risks (s key) + render: median \(ms(percentile(sortTimes, 0.5)))")

        // The walkthrough: a page turn draws the slide it lands on whole (to know its pages), then the page;
        // on this store and on a board of a real VRU's size.
        for (label, b) in [("", board), (" (a board of 25 workstreams, 15 risks)", Generator.board(workstreams: 25, risks: 15))] {
            var withMeeting = b
            var m = Meeting.new(on: b.programme.asAt, board: b, author: "bench")
            m.id = "bench"
            // Held, as in the meeting proper: the slides draw from its snapshot.
            m.hold(board: b, at: "\(b.programme.asAt)T10:00:00Z")
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
