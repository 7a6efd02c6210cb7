package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One change (or check) of the plan. {@code target} and {@code desired} are the content; {@code id},
 * {@code precondition} and {@code inverse} are derived from it, written into the plan for the reviewer and the
 * executor, and checked again when a plan is read, so a hand edit shows up as a step whose id (action, target,
 * desired) or digest (everything else) no longer matches what it says. {@code phase} is written too, so a step read
 * on its own (in a diff) says when it runs. Consumers handle every type through {@link StepVisitor}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "action")
@JsonSubTypes({
    @JsonSubTypes.Type(CheckPreflight.class),
    @JsonSubTypes.Type(CreateIdentity.class),
    @JsonSubTypes.Type(ReuseIdentity.class),
    @JsonSubTypes.Type(CopyRoleAssignment.class),
    @JsonSubTypes.Type(CreateFederatedCredential.class),
    @JsonSubTypes.Type(CreateServiceAccount.class),
    @JsonSubTypes.Type(AnnotateServiceAccount.class),
    @JsonSubTypes.Type(SetServiceAccountName.class),
    @JsonSubTypes.Type(LabelPodTemplate.class),
    @JsonSubTypes.Type(AddProxySidecarAnnotation.class),
    @JsonSubTypes.Type(RestartWorkload.class),
    @JsonSubTypes.Type(VerifyWorkload.class),
    @JsonSubTypes.Type(ApplyRepoPatch.class),
    @JsonSubTypes.Type(RemovePodIdentityLabel.class),
    @JsonSubTypes.Type(DeleteBinding.class),
    @JsonSubTypes.Type(DeleteAzureIdentity.class),
    @JsonSubTypes.Type(RemoveSecretReference.class),
    @JsonSubTypes.Type(BackupAndDeleteSecret.class),
    @JsonSubTypes.Type(RemovePodIdentityInstall.class),
    @JsonSubTypes.Type(ManualAction.class)})
@JsonPropertyOrder({"id", "digest", "phase", "target", "desired", "current", "precondition", "inverse", "gitops",
    "reason"})
@JsonIgnoreProperties(value = {"id", "digest", "precondition", "inverse"}, allowGetters = true)
public sealed interface Step permits CheckPreflight, CreateIdentity, ReuseIdentity, CopyRoleAssignment,
        CreateFederatedCredential, CreateServiceAccount, AnnotateServiceAccount, SetServiceAccountName,
        LabelPodTemplate, AddProxySidecarAnnotation, RestartWorkload, VerifyWorkload, ApplyRepoPatch,
        RemovePodIdentityLabel, DeleteBinding, DeleteAzureIdentity, RemoveSecretReference, BackupAndDeleteSecret,
        RemovePodIdentityInstall, ManualAction {

    Target target();

    /** The state the step brings about; a record per step type. */
    Object desired();

    /** Why this step exists, for the reviewer. */
    String reason();

    /** The phase the step belongs to (0 preflight … 6 cleanup), fixed by its type except for a manual action. */
    @JsonProperty("phase")
    int phase();

    /** What must hold before the step runs; the executor checks it. */
    @JsonProperty("precondition")
    String precondition();

    @JsonProperty("inverse")
    Inverse inverse();

    /** True when the target is owned by Helm, Argo CD or Flux: the change goes to the repository, not a live patch. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    default boolean gitops() {
        return false;
    }

    /** The action name, as written in the plan: kebab-case of the record name. */
    @JsonIgnore
    default String action() {
        return StepIds.actionOf(this);
    }

    /** Stable id: a hash of action, target and desired state. */
    @JsonProperty("id")
    default String id() {
        return StepIds.of(this);
    }

    /** A hash of everything the step says (reason and route too), so an edit anywhere in it names the step. */
    @JsonProperty("digest")
    default String digest() {
        return StepIds.digestOf(this);
    }

    <R> R accept(StepVisitor<R> visitor);
}
