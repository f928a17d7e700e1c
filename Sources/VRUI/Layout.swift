import VRModel

/// Where each part of each screen goes, from the frame size alone. Views draw into these rectangles
/// and the update function uses them for page sizes and mouse hits, so the two never disagree.
public struct Layout: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }

    public var body: Rect { Rect(x: 0, y: 2, width: width, height: height - 3) }
    public var hintRow: Int { height - 1 }

    // Overview.
    public var overviewTop: (priorities: Rect, funding: Rect) {
        let rows = min(body.height - 6, max(12, 2 + 5 * 2 + 1))
        let (top, _) = body.splitTop(rows)
        let leftW = max(44, top.width * 3 / 5)
        let (l, r) = top.splitLeft(leftW)
        return (l, r)
    }
    public var overviewBottom: (risks: Rect, changes: Rect) {
        let top = overviewTop.priorities
        let rest = Rect(x: body.x, y: top.maxY, width: body.width, height: body.maxY - top.maxY)
        let (l, r) = rest.splitLeft(rest.width / 2)
        return (l, r)
    }

    // Priorities and workstreams.
    private var priorityListWidth: Int { max(40, min(64, body.width / 2)) }
    public var priorityList: Rect { body.splitLeft(priorityListWidth).0 }
    public var priorityDetail: Rect { body.splitLeft(priorityListWidth).1 }
    public var workstreamTable: Rect { body.splitTop(max(8, body.height * 11 / 20)).0 }
    public var workstreamDetail: Rect { body.splitTop(max(8, body.height * 11 / 20)).1 }

    // Funding.
    public func fundingChart(categories: Int) -> Rect { body.splitTop(min(body.height - 9, categories + 3)).0 }
    public func fundingLower(categories: Int, conditions: Int) -> (conditions: Rect, grants: Rect) {
        let rest = body.splitTop(min(body.height - 9, categories + 3)).1
        if width >= 150 {
            let (l, r) = rest.splitLeft(rest.width * 2 / 5)
            return (l, r)
        }
        // Each condition takes two lines when narrow, one when wide.
        return rest.splitTop(2 + conditions * (width >= 120 ? 1 : 2))
    }

    // Risk register.
    public static let heatWidth = 29
    public var riskTop: Rect { body.splitTop(max(11, body.height * 11 / 20)).0 }
    public var riskTable: Rect { riskTop.splitLeft(riskTop.width - Layout.heatWidth).0 }
    public var heatMap: Rect { riskTop.splitLeft(riskTop.width - Layout.heatWidth).1 }
    public var riskDetail: Rect { body.splitTop(max(11, body.height * 11 / 20)).1 }

    /// Rows a bordered table with one header row can show.
    public static func tableRows(_ r: Rect) -> Int { max(0, r.height - 3) }
    /// Rows a bordered list with no header can show.
    public static func listRows(_ r: Rect, perItem: Int = 1) -> Int { max(0, (r.height - 2) / perItem) }

    /// The heat-map cell under a point: (likelihood, impact).
    public func heatCell(atX x: Int, y: Int) -> Score? {
        let r = heatMap
        let gridX = r.x + 5, gridY = r.y + 1
        let col = (x - gridX) / 4, row = y - gridY
        guard x >= gridX, (0..<5).contains(col), (0..<5).contains(row) else { return nil }
        return Score(likelihood: 5 - row, impact: col + 1)
    }
}
