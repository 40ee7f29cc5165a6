import Foundation
import PetitionCore
@testable import PetitionStore
import TestSupport
import Testing

/// The exercises of data/exercises (docs/training.md): each loads, has zh and en text,
/// and names only actions, event kinds and refusal ids that exist; chapters 3, 4 and 5
/// are covered as the list grows.
@Suite("Exercise files")
struct ExerciseCatalogTests {
    /// Exercises whose people share an ID number flag each other's cases (art20's group was
    /// flagged a repeat petition of art34's 赵敏): each exercise's people are its own.
    @Test func noTwoExercisesShareAnIDNumber() throws {
        let folder = Fixtures.dataFolder + "/exercises"
        var owner: [String: String] = [:]
        let pattern = try Regex("[0-9]{17}[0-9X]")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            for id in Set(text.matches(of: pattern).map { String(text[$0.range]) }) {
                #expect(owner[id] == nil, "\(id): \(owner[id] ?? "") and \(name)")
                owner[id] = name
            }
        }
    }

    @Test func everyExerciseLoadsAndNamesOnlyWhatExists() throws {
        let files = try ExerciseCatalog.load(from: Fixtures.dataFolder)
        #expect(files.count >= 4)
        let refusals = Set(Rejection.Code.allCases.map(\.rawValue))
        let events = Set(["registered", "notAccepted", "classified", "deadlineExtended", "differentMatterRecorded",
                          "supervisionOrdered", "linked", "referred", "accepted",
                          "rereviewHearingStarted", "rereviewHearingEnded", "rereviewOpinionIssued",
                          "mediationStarted", "agreementRecorded", "opinionIssued", "transferred", "objected", "reviewRequested"])
        for file in files {
            let e = file.exercise
            #expect(!e.title.zh.isEmpty && !e.title.en.isEmpty && !e.story.zh.isEmpty && !e.story.en.isEmpty, "\(e.id)")
            #expect([3, 4, 5].contains(e.chapter), "\(e.id)")
            for (i, seed) in e.seed.enumerated() where file.registrations[i] == nil {
                #expect(seed.action.flatMap(ActionKind.init(rawValue:)) != nil, "\(e.id) seed \(i + 1)")
            }
            for step in e.steps {
                for move in step.expect + step.wrong.map(\.move) {
                    if let r = move.refusal { #expect(refusals.contains(r), "\(e.id): \(r)") }
                    if let kind = move.event { #expect(events.contains(kind), "\(e.id): \(kind)") }
                }
            }
        }
    }
}
