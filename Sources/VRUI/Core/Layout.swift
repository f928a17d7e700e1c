import VRModel

/// Where each part of each screen goes, from the frame size alone. Views draw into these rectangles
/// and the update function uses them for page sizes and mouse hits, so the two never disagree.
public struct Layout: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public var body: Rect { Rect(x: 0, y: 2, width: width, height: height - 3) }
    public var hintRow: Int { height - 1 }

    /// Rows a bordered table with one header row can show.
    public static func tableRows(_ r: Rect) -> Int { max(0, r.height - 3) }
    /// Rows a bordered list with no header can show.
    public static func listRows(_ r: Rect, perItem: Int = 1) -> Int { max(0, (r.height - 2) / perItem) }
}
