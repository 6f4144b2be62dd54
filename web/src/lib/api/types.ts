import type { components } from './schema';

/** Short names for the API's shapes, as the pages use them. */
type S = components['schemas'];
export type Me = S['Me'];
export type Role = Me['activeOrganization']['role'];
export type ClusterSummary = S['ClusterSummary'];
export type ClusterDetail = S['ClusterDetail'];
export type NodeDetail = S['NodeDetail'];
export type NodeSummary = S['NodeSummary'];
export type Assessment = NonNullable<S['Assessment']>;
export type Component = S['Component'];
export type Finding = S['Finding'];
export type SplitBrain = NonNullable<Assessment['splitBrain']>;
export type ClusterEvent = S['ClusterEvent'];
export type Health = ClusterSummary['health'];
export type Agent = S['Agent'];
export type ApiToken = S['ApiToken'];
export type EnrollmentToken = S['EnrollmentToken'];
export type Member = S['Member'];
export type Invitation = S['Invitation'];
export type InvitationPreview = S['InvitationPreview'];
export type NodeMetrics = S['NodeMetrics'];
export type Operation = S['Operation'];
export type OperationState = Operation['state'];
export type BootstrapPlan = S['BootstrapPlan'];
export type PlanEvidence = BootstrapPlan['evidence'][number];
export type AuditEntry = S['AuditEntry'];
export type OrganizationPolicy = S['OrganizationPolicy'];
