/** The module's name: its key in the container and in medusa-config. */
export const RESOURCE_BOOKING_MODULE = "resource_booking"

/** The package's name, as a store's medusa-config resolves the plugin. */
export const PACKAGE_NAME = "medusa-resource-booking"
