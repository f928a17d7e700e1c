import VRModel

/// The search box (/): it has the keyboard while it is open; the list narrows as you type.
enum SearchBox {
    static func edit(_ s: inout AppState, _ change: (inout String) -> Void) {
        var q = s.queries[s.screen] ?? ""
        change(&q)
        s.queries[s.screen] = q
        s.feature.searched(&s)
        s.feature.reveal(&s, Layout(width: s.width, height: s.height))
    }

    static let keys = KeyGroup(
        Mode.searching.title,
        [
            Binding("search.keep", [.enter], help: "Keep the filter and return to the list", hint: "keep the filter and return to the list", rank: 1)
            { s in s.searching = false },
            Binding("search.clear", [.escape], help: "Clear the search", hint: "clear the search", rank: 2) { s in
                s.searching = false
                s.queries[s.screen] = nil
            },
            Binding("search.backspace", [.backspace], help: "Delete a character", hint: "delete a character", rank: 3) { s in
                edit(&s) { if !$0.isEmpty { $0.removeLast() } }
            },
            Binding("search.clearText", [.ctrl("u")], help: "Delete the whole search text") { s in edit(&s) { $0 = "" } },
        ],
        fallback: Binding("search.type", [], label: "text", help: "Narrow the list as you type") { s, k in
            if case .char(let c) = k, !c.isNewline, Width.of(c) > 0 { edit(&s) { if $0.count < 200 { $0.append(c) } } }
            return []
        })
}
