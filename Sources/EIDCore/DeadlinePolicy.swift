/// How many working days the authorities have to issue an account (Decree 69/2024 art. 11),
/// and the resulting deadline.
public struct DeadlinePolicy: Sendable, Hashable {
    /// Level 1: working days to issue.
    public var level1WorkingDays: Int
    /// Level 2 when the national immigration database already holds the face and fingerprints.
    public var level2WithBiometricsOnFileWorkingDays: Int
    /// Level 2 when it does not.
    public var level2WithoutBiometricsOnFileWorkingDays: Int

    public init(level1WorkingDays: Int = 1, level2WithBiometricsOnFileWorkingDays: Int = 3,
                level2WithoutBiometricsOnFileWorkingDays: Int = 7) {
        self.level1WorkingDays = level1WorkingDays
        self.level2WithBiometricsOnFileWorkingDays = level2WithBiometricsOnFileWorkingDays
        self.level2WithoutBiometricsOnFileWorkingDays = level2WithoutBiometricsOnFileWorkingDays
    }

    /// Decree 69/2024: 1 working day for level 1; 3 or 7 for level 2.
    public static let decree69 = DeadlinePolicy()

    /// The number of working days allowed. `biometricsOnFile` matters only for level 2.
    public func workingDays(for level: AccountLevel, biometricsOnFile: Bool) -> Int {
        switch level {
        case .level1: level1WorkingDays
        case .level2: biometricsOnFile ? level2WithBiometricsOnFileWorkingDays : level2WithoutBiometricsOnFileWorkingDays
        }
    }

    /// The last day (inclusive, until its end) on which the account must be issued for a complete
    /// application received on `receivedOn`: the Nth working day after the day of receipt, which
    /// itself does not count (see `WorkingCalendar.addingWorkingDays(_:to:)`).
    public func deadline(for level: AccountLevel, biometricsOnFile: Bool, receivedOn: CivilDate,
                         calendar: WorkingCalendar) -> CivilDate {
        calendar.addingWorkingDays(workingDays(for: level, biometricsOnFile: biometricsOnFile), to: receivedOn)
    }
}
