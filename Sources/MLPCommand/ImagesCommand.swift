import ArgumentParser
import Foundation
import Inference
import MLPData
import MLPDomain
import MLPInference

/// `mlp images`: administration of the stored pictures.
struct ImagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "images", abstract: "Administer the stored pictures.", subcommands: [ReadDates.self]
    )

    /// `mlp images read-dates`: when each stored picture was taken, read from its file, for the pictures stored before
    /// the platform read it at upload. Safe to run again and while the server runs: it reads only pictures without
    /// a time, and never changes one that has one.
    struct ReadDates: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "read-dates",
            abstract: "Read when each stored picture was taken from its file (Exif), for pictures stored before this was read at upload."
        )

        func run() throws {
            // Only the header is read, of files that were accepted when they were uploaded: no caps of today's.
            let processor = InferenceImageProcessor(limits: ImageLimits(maxBytes: .max, maxPixels: .max, maxDimension: .max))
            let useCase = ReadCaptureTimesUseCase(unitOfWork: try UsersCommand.unitOfWork(), processor: processor)
            let result = try UsersCommand.reporting {
                try useCase.execute { checked in FileHandle.standardError.write(Data("read \(checked) picture(s)\n".utf8)) }
            }
            print("\(result.checked) picture(s) without a time taken read, \(result.dated) of them now have one")
        }
    }
}
