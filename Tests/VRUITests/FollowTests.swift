import Testing
import VRModel
import VRStoreAPI

@testable import VRUI

/// A follower's screen (`vrboard present --follow`): it goes where the presenter goes, stops when its user
/// pages on their own, and `f` takes it back; a presenter's screen says where it is.
@Suite struct FollowTests {
    static func follower(width: Int = 80, height: Int = 24) throws -> AppState {
        var s = try Fixtures.walkthrough(width: width, height: height)
        s.follow = Follow()
        return s
    }

    static func at(_ slide: Int, page: Int = 0, pages: Int = 1, meeting: String = "2021-11-02") -> PresenterPosition {
        PresenterPosition(meeting: meeting, slide: slide, page: page, pages: pages, by: "clerk", at: "2021-11-02T10:00:00Z")
    }

    @Test("following: the presenter's slide, its page in proportion on a screen that pages it otherwise")
    func goesWithThePresenter() throws {
        var s = try Self.follower()
        // Nobody presenting yet: said where there is room (120 columns), "following" where there is not.
        s.width = 120
        #expect(render(s).lines[23].contains("following: nobody is presenting yet"))
        s.width = 80
        #expect(render(s).lines[23].contains("· following ") && !render(s).lines[23].contains("…"))
        _ = update(&s, .presenterMoved(Self.at(4)))
        #expect(s.presentation?.slide == 4 && s.presentation?.page == 0)
        #expect(render(s).lines[23].contains("following the presenter"))
        // The presenter on the second of two pages: the follower, whose screen takes more pages, on the matching one.
        let highlight = try #require(s.slideIndex(of: .highlight))
        let pages = s.pageCount(ofSlide: highlight)
        #expect(pages >= 2, "the highlight report takes pages at 80x24")
        _ = update(&s, .presenterMoved(Self.at(highlight, page: 1, pages: 2)))
        #expect(s.presentation?.slide == highlight && s.presentation?.page == pages / 2)
        // Another meeting's presenter is not followed.
        _ = update(&s, .presenterMoved(Self.at(9, meeting: "2022-02-01")))
        #expect(s.presentation?.slide == highlight && s.follow?.presenter == nil)
    }

    @Test("paging on one's own stops following; the presenter's moves then leave the screen; f goes back and follows again")
    func pagingBackAndReturning() throws {
        var s = try Self.follower()
        _ = update(&s, .presenterMoved(Self.at(6)))
        _ = s.press(.left)
        #expect(s.follow?.following == false && s.presentation?.slide == 5)
        _ = update(&s, .presenterMoved(Self.at(9)))
        #expect(s.presentation?.slide == 5, "not following: it stays")
        #expect(render(s).lines[23].contains("not following"))
        #expect(Walkthrough.hint(s, width: 76).joined(separator: " · ").contains("f follow"))
        _ = s.press(.char("f"))
        #expect(s.follow?.following == true && s.presentation?.slide == 9)
        _ = update(&s, .presenterMoved(Self.at(2)))
        #expect(s.presentation?.slide == 2)
        // Opening the outline is not paging: still following.
        _ = s.press(.char("o"), .escape)
        #expect(s.follow?.following == true)
    }

    @Test("f on a presenter's screen says why it does nothing; a presenter's screen gives its place, a follower's none")
    func presenterSide() throws {
        var s = try Self.follower()
        s.follow = nil
        _ = s.press(.char("5"))
        let p = try #require(s.presenterPosition)
        #expect(p.meeting == s.presentation?.meetingID && p.slide == 4 && p.page == 0 && p.pages == s.pageCount(ofSlide: 4))
        _ = s.press(.char("f"))
        #expect(s.message == "Only a follower's screen follows (vrboard present --follow)")
        s.follow = Follow()
        #expect(s.presenterPosition == nil)
    }
}
