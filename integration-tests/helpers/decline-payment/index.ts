import { AbstractPaymentProvider, MedusaError, ModuleProvider, Modules, PaymentActions } from "@medusajs/framework/utils"

/**
 * A payment provider for the tests whose every authorization is declined, as
 * a card issuer declines one: Medusa rolls the completion back and answers
 * 200 with the cart and the error, and the shopper may retry with another
 * payment. Registered as pp_decline_test when medusa-config.ts sees
 * RB_TEST_PAYMENT_PROVIDER (integration-tests/http/app/storefront-limits.ts).
 */
class DeclinePaymentProvider extends AbstractPaymentProvider {
  static identifier = "decline"

  async initiatePayment() {
    return { id: `decline_${Math.random().toString(36).slice(2)}`, data: {} }
  }
  async authorizePayment(): Promise<never> {
    throw new MedusaError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, "Your card was declined")
  }
  async getPaymentStatus() {
    return { status: "error" as const }
  }
  async retrievePayment() {
    return { data: {} }
  }
  async updatePayment() {
    return { data: {} }
  }
  async deletePayment() {
    return { data: {} }
  }
  async capturePayment() {
    return { data: {} }
  }
  async refundPayment() {
    return { data: {} }
  }
  async cancelPayment() {
    return { data: {} }
  }
  async getWebhookActionAndData() {
    return { action: PaymentActions.NOT_SUPPORTED }
  }
}

export default ModuleProvider(Modules.PAYMENT, { services: [DeclinePaymentProvider] })
