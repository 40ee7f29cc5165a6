import PetitionCore

/// Large imports: every petition checked first, then written in batches, each its own
/// transaction and sync, so that no one acknowledgement covers 100,000 cases and a
/// failure part-way says exactly what was written.
extension CaseBook {
    /// The most petitions one record batch (one transaction, one sync) holds. A batch
    /// of 1,000 of the largest petitions (`InputText.rules`) is under 100 MB; a typical
    /// one is under 1 MB and is written in well under a second.
    package static let batchLimit = 1000

    /// Checks every petition as registration will, writing nothing: a refusal names the
    /// petition (its index in the whole import) and the field.
    package func check(_ petitions: [Petition], now: Instant, actor: Actor,
                       reference: ReferenceData) throws(BatchRejection) {
        let context = context(now: now, actor: actor, reference: reference)
        for (i, petition) in petitions.enumerated() {
            // The number does not change what is decided; the probe's is the first of its year.
            let probe = CaseState(number: CaseNumber(organ: petition.organ, year: petition.receivedOn.year, sequence: 1))
            do throws(Rejection) {
                _ = try Workflow.decide(.register(petition), probe, context)
            } catch {
                throw BatchRejection(index: i, count: petitions.count, rejection: error)
            }
        }
    }

    /// Registers petitions in batches of at most `batchSize`, in order, each batch all or
    /// none and synced on its own (`register(_:now:actor:reference:)`). `progress` hears
    /// the number written after each batch. A failure before anything was written is
    /// thrown as it is (a refusal names the petition by its index in the whole import);
    /// a failure after is a `PartialRegistration` naming what was written.
    package func register(_ petitions: [Petition], inBatchesOf batchSize: Int = batchLimit, now: Instant,
                          actor: Actor, reference: ReferenceData,
                          progress: (Int) -> Void = { _ in }) throws -> [CaseNumber] {
        precondition(batchSize > 0, "a batch holds at least one petition")
        var written: [CaseNumber] = []
        var start = 0
        while start < petitions.count {
            let end = min(petitions.count, start + batchSize)
            do {
                written += try register(Array(petitions[start..<end]), now: now, actor: actor, reference: reference)
            } catch {
                var cause = error
                if let b = error as? BatchRejection {
                    cause = BatchRejection(index: start + b.index, count: petitions.count, rejection: b.rejection)
                }
                if written.isEmpty { throw cause }
                throw PartialRegistration(written: written, firstNotWritten: start, count: petitions.count, cause: cause)
            }
            start = end
            progress(written.count)
        }
        return written
    }
}

/// An import that failed after some of its batches were written: the cases registered
/// (each batch synced), the index of the first petition not written, and why.
package struct PartialRegistration: Error {
    package var written: [CaseNumber]
    /// The index, from 0, of the first petition not written; it and all after it were not.
    package var firstNotWritten: Int
    package var count: Int
    package var cause: any Error

    package init(written: [CaseNumber], firstNotWritten: Int, count: Int, cause: any Error) {
        self.written = written
        self.firstNotWritten = firstNotWritten
        self.count = count
        self.cause = cause
    }
}
