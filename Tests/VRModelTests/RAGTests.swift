import Foundation
import Testing
import VRModel

@Suite struct RAGTests {
    @Test(arguments: [
        // Stored values.
        ("red", RAG.red), ("amber-red", .amberRed), ("amber", .amber), ("amber-green", .amberGreen),
        ("green", .green), ("complete", .complete), ("not-rated", .notRated),
        // Letters.
        ("R", .red), ("A/R", .amberRed), ("A", .amber), ("A/G", .amberGreen), ("G", .green), ("C", .complete), ("-", .notRated),
        // Names.
        ("Red", .red), ("Amber/Red", .amberRed), ("Amber", .amber), ("Amber/Green", .amberGreen), ("Green", .green),
        ("Complete", .complete), ("Not rated", .notRated),
        // Odd spellings, cases and spacing.
        ("ag", .amberGreen), ("AG", .amberGreen), ("a/g", .amberGreen), ("Amber Green", .amberGreen), ("AMBER-GREEN", .amberGreen),
        ("AR", .amberRed), ("ar", .amberRed), ("amber/red", .amberRed), ("Amber Red", .amberRed), ("a-r", .amberRed),
        ("nr", .notRated), ("NR", .notRated), ("n", .notRated), ("none", .notRated), ("not rated", .notRated),
        ("  green  ", .green), ("r", .red), ("g", .green), ("a", .amber), ("c", .complete),
    ])
    func parses(_ text: String, _ expected: RAG) {
        #expect(RAG(parsing: text) == expected, "'\(text)'")
    }

    @Test(arguments: ["purple", "x", "amber green red", "G?R", "reddish", "greenamber", "ga", "ra", "b", "blue", "yes"])
    func rejectsGarbageWords(_ text: String) {
        #expect(RAG(parsing: text) == nil, "'\(text)' should not parse")
    }

    /// Text with no letters at all is not a rating either: it must not fall through to "Not rated".
    @Test(arguments: ["42", "!!", "3", "?", "//"])
    func rejectsTextWithoutLetters(_ text: String) {
        #expect(RAG(parsing: text) == nil, "'\(text)' should not parse, got \(String(describing: RAG(parsing: text)))")
    }

    @Test func everyCaseParsesFromItsValueLetterAndName() {
        for r in RAG.allCases {
            #expect(RAG(parsing: r.rawValue) == r)
            #expect(RAG(parsing: r.letter) == r)
            #expect(RAG(parsing: r.name) == r)
            #expect(RAG(parsing: r.name.uppercased()) == r)
            #expect(RAG(rawValue: r.rawValue) == r)
        }
    }

    @Test func lettersForEveryCase() {
        let expected: [RAG: String] = [.green: "G", .amberGreen: "A/G", .amber: "A", .amberRed: "A/R", .red: "R", .complete: "C", .notRated: "-"]
        for r in RAG.allCases { #expect(r.letter == expected[r], "\(r)") }
        // A letter always goes with the colour: every one non-empty and distinct.
        #expect(Set(RAG.allCases.map(\.letter)).count == RAG.allCases.count)
        #expect(RAG.allCases.allSatisfy { !$0.letter.isEmpty && !$0.name.isEmpty && !$0.definition.isEmpty })
    }

    @Test func threeColourMapping() {
        let expected: [RAG: RAG] = [
            .green: .green, .amberGreen: .green, .amber: .amber, .amberRed: .red, .red: .red,
            .complete: .complete, .notRated: .notRated,
        ]
        for r in RAG.allCases { #expect(r.threeColour == expected[r], "\(r)") }
        #expect(Set(RAG.allCases.map(\.threeColour)) == [.green, .amber, .red, .complete, .notRated])
    }

    @Test func confidenceScale() {
        #expect([RAG.red, .amberRed, .amber, .amberGreen, .green].map(\.confidence) == [1, 2, 3, 4, 5])
        #expect(RAG.complete.confidence == nil)
        #expect(RAG.notRated.confidence == nil)
    }

    @Test func orderingIsWorstFirst() {
        #expect(RAG.allCases.shuffled().sorted() == [.red, .amberRed, .amber, .amberGreen, .green, .complete, .notRated])
        #expect(RAG.red < .green)
        #expect(!(RAG.green < .red))
        #expect(RAG.green < .complete)
        #expect(RAG.complete < .notRated)
        #expect(!(RAG.amber < .amber))
    }

    @Test func scaleIsBestFirstAndComplete() {
        #expect(RAG.scale == [.green, .amberGreen, .amber, .amberRed, .red, .complete, .notRated])
        #expect(Set(RAG.scale) == Set(RAG.allCases))
    }

    @Test func codableUsesStoredValues() throws {
        let data = try JSONEncoder().encode([RAG.amberGreen, .notRated])
        #expect(String(decoding: data, as: UTF8.self) == "[\"amber-green\",\"not-rated\"]")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([RAG].self, from: Data("[\"purple\"]".utf8)) }
    }

    @Test func ratingKindLabels() {
        #expect(RatingKind.inYear.rawValue == "in-year")
        #expect(RatingKind.inYear.label == "In-year")
        #expect(RatingKind.overall.label == "Overall")
    }
}

@Suite struct TrendTests {
    @Test func improving() {
        #expect(Trend.between(previous: .amber, current: .green) == .improving)
        #expect(Trend.between(previous: .red, current: .amberRed) == .improving)
    }

    @Test func declining() {
        #expect(Trend.between(previous: .green, current: .amberGreen) == .declining)
        #expect(Trend.between(previous: .amber, current: .red) == .declining)
    }

    @Test func stable() {
        for r in [RAG.red, .amberRed, .amber, .amberGreen, .green] {
            #expect(Trend.between(previous: r, current: r) == .stable)
        }
    }

    @Test func newWhenThereWasNoRating() {
        #expect(Trend.between(previous: nil, current: .amber) == .new)
        #expect(Trend.between(previous: .notRated, current: .green) == .new)
    }

    @Test func completed() {
        #expect(Trend.between(previous: .green, current: .complete) == .completed)
        #expect(Trend.between(previous: nil, current: .complete) == .completed)
        #expect(Trend.between(previous: .red, current: .complete) == .completed)
    }

    @Test func noTrendOffTheScale() {
        #expect(Trend.between(previous: .green, current: .notRated) == Trend.none)
        #expect(Trend.between(previous: .complete, current: .green) == Trend.none)
    }

    @Test func everyPairOnTheScale() {
        let scale: [RAG] = [.red, .amberRed, .amber, .amberGreen, .green]
        for (i, p) in scale.enumerated() {
            for (j, c) in scale.enumerated() {
                let expected: Trend = j > i ? .improving : j < i ? .declining : .stable
                #expect(Trend.between(previous: p, current: c) == expected, "\(p) -> \(c)")
            }
        }
    }

    @Test func glyphsAndWordsAreDistinct() {
        let all: [Trend] = [.improving, .stable, .declining, .new, .completed]
        #expect(Set(all.map(\.glyph)).count == all.count)
        #expect(Set(all.map(\.word)).count == all.count)
        #expect(all.allSatisfy { !$0.word.isEmpty })
    }
}
