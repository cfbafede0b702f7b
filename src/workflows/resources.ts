import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  createResourceStep,
  deleteResourceStep,
  updateResourceStep,
  type ResourceInput,
} from "./steps/resources"

export const createResourceWorkflow = createWorkflow(
  "resource-booking-create-resource",
  (input: ResourceInput & { title: string; handle: string }) =>
    new WorkflowResponse(createResourceStep(input))
)

export const updateResourceWorkflow = createWorkflow(
  "resource-booking-update-resource",
  (input: ResourceInput & { id: string }) => new WorkflowResponse(updateResourceStep(input))
)

export const deleteResourceWorkflow = createWorkflow(
  "resource-booking-delete-resource",
  (input: { id: string }) => new WorkflowResponse(deleteResourceStep(input))
)
