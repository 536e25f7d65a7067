import FieldAgentCore
import Foundation

extension PolicyConfiguration {
    /// The embedded default rule set, `Fixtures/policy/default-policy.json` (a SwiftPM resource).
    public static let standard: PolicyConfiguration = {
        do {
            return try load(PackageResources.default_policy_json)
        } catch {
            fatalError("embedded default policy is invalid: \(error)")
        }
    }()

    /// The text of the embedded `Fixtures/policy/default-policy.json`, so the library works without files.
    public static var defaultJSON: String { String(decoding: PackageResources.default_policy_json, as: UTF8.self) }

    /// Decodes and checks a rule set from JSON bytes (the format of `default-policy.json`).
    ///
    /// Every key is required; a value out of range is rejected with the key's name.
    public static func load(_ bytes: [UInt8]) throws(PolicyConfigurationError) -> PolicyConfiguration {
        let configuration: PolicyConfiguration
        do {
            configuration = try JSONDecoder().decode(PolicyConfiguration.self, from: Data(bytes))
        } catch let DecodingError.keyNotFound(key, context) {
            throw PolicyConfigurationError(problem: path(context.codingPath + [key]) + ": is required")
        } catch let DecodingError.typeMismatch(_, context) {
            throw PolicyConfigurationError(problem: path(context.codingPath) + ": wrong type")
        } catch let DecodingError.valueNotFound(_, context) {
            throw PolicyConfigurationError(problem: path(context.codingPath) + ": is required")
        } catch let DecodingError.dataCorrupted(context) {
            throw PolicyConfigurationError(problem: path(context.codingPath) + ": invalid value")
        } catch {
            throw PolicyConfigurationError(problem: "not valid JSON")
        }
        if let problem = configuration.problem { throw PolicyConfigurationError(problem: problem) }
        return configuration
    }

    /// The first out-of-range value, or nil when the rule set is usable.
    var problem: String? {
        let checks: [(String, Int, ClosedRange<Int>)] = [
            ("graceDays", graceDays, 0...365),
            ("lateWindowMonths", lateWindowMonths, 1...120),
            ("brokenPromiseWindowMonths", brokenPromiseWindowMonths, 1...120),
            ("understandingMaxLatePayments", understandingMaxLatePayments, 0...1000),
            ("understandingMaxBrokenPromises", understandingMaxBrokenPromises, 0...1000),
            ("understandingMaxDaysPastDue", understandingMaxDaysPastDue, 0...100_000),
            ("decisiveMinLatePayments", decisiveMinLatePayments, 1...1000),
            ("decisiveMinBrokenPromises", decisiveMinBrokenPromises, 1...1000),
            ("decisiveDaysPastDueAbove", decisiveDaysPastDueAbove, 0...100_000),
            ("decisiveContactWithinDays", decisiveContactWithinDays, 0...365),
            ("attemptCap", attemptCap, 1...1000),
            ("attemptCapDays", attemptCapDays, 1...365),
            ("rightPartyPauseDays", rightPartyPauseDays, 0...365),
            ("staleSyncHours", staleSyncHours, 1...100_000),
            ("slotMinutes", slotMinutes, 1...1440),
            ("satisfiedMinScore", satisfiedMinScore, 1...5),
        ]
        for (key, value, range) in checks where !range.contains(value) {
            return "\(key): must be between \(range.lowerBound) and \(range.upperBound)"
        }
        if version.isEmpty { return "version: must not be empty" }
        if channelFallback.isEmpty { return "channelFallback: must name at least one channel" }
        if Set(channelFallback).count != channelFallback.count { return "channelFallback: duplicate channel" }
        return nil
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "document" : keys.map(\.stringValue).joined(separator: ".")
    }
}
