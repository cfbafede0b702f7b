// Weekly schedules: rules of weekdays × slots × capacity, written out as capacity rows up to a horizon.
export * from "./apply"
export * from "./rules"
