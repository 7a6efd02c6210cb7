<#-- plan.md: rendered by migrate plan from plan.yaml's content; meant for a pull request. -->
<#function cell value>
  <#return value?replace("|", "\\|")?replace("\n", " ")>
</#function>
# Migration plan: AAD Pod Identity → Entra Workload Identity

Digest `${header.digest}` · ${stepCount} steps in 7 phases · ${workloads?size} workloads · ${identities?size} identities<#if gitopsSteps gt 0> · ${gitopsSteps} steps go to GitOps repositories</#if>

Review this file, then `migrate apply plan.yaml`. Do not edit `plan.yaml`: it is refused once edited; run `migrate plan` again instead.

| Cluster | OIDC issuer | kube-system uid |
|---|---|---|
<#list header.clusters as cluster>
| ${cell(cluster.name)} | ${cell(cluster.oidcIssuer!"none: enabled in phase 0")} | ${cluster.kubeSystemUid!"-"} |
</#list>

| Setting | Value | Source |
|---|---|---|
<#list settings as setting>
| ${setting.what} | ${cell(setting.target)} | ${cell(setting.detail)} |
</#list>

<#if header.spStrategy.choices?has_content>
Service principals (default strategy `${header.spStrategy.defaultStrategy}`):

| Service principal | Strategy | Why |
|---|---|---|
<#list header.spStrategy.choices as choice>
| ${cell(choice.servicePrincipal)} | ${choice.strategy} | ${cell(choice.reason)} |
</#list>

</#if>
## Summary

| Cluster | Namespace | Workload | ServiceAccount | Identities (first one on the ServiceAccount) | IMDS bridge | GitOps |
|---|---|---|---|---|---|---|
<#list workloads as row>
| ${cell(row.cluster)} | ${cell(row.namespace)} | ${cell(row.workload)} | ${cell(row.serviceAccount)}<#if row.newServiceAccount> (new)</#if> | ${cell(row.identities)} | <#if row.bridge>proxy sidecar<#else>-</#if> | <#if row.gitops>yes<#else>-</#if> |
</#list>

| Identity | How | Client id | Federated credentials | ServiceAccounts (namespace:name) |
|---|---|---|---|---|
<#list identities as row>
| ${cell(row.identity)} | ${cell(row.how)} | ${cell(row.clientId)} | ${row.federatedCredentials} | ${cell(row.subjects)} |
</#list>

```mermaid
${graph}```

```mermaid
${phaseGraph}```

## Azure changes

<#list azureChanges as line>
- `${line.action}` ${line.target}: ${line.change}
<#else>
- none
</#list>

## Risks

<#list risks as line>
- **${line.what}** (${line.target}): ${line.detail}
<#else>
- none found
</#list>

## Manual steps

<#list manual as line>
- `${line.id}` ${line.what}, ${line.target}: ${line.detail}
<#else>
- none
</#list>

## Phases

Each step's reason, precondition and inverse are in `plan.yaml`.

<#list phases as phase>
<details>
<summary>${phase.phase} ${phase.name}: ${phase.steps} steps</summary>

${phase.description}

<#list phase.lines as line>
1. `${line.id}` **${line.action}**<#if line.gitops> (GitOps: as a repository patch)</#if> ${line.target}: ${line.change}
<#else>
Nothing to do.
</#list>

</details>

</#list>
## Rollback

`migrate rollback` walks the journal backwards and restores what each step recorded before it changed anything.
Checks, restarts and verifications need no undoing.

<#list phases?reverse as phase>
<#if phase.rollback?has_content>
- ${phase.phase} ${phase.name}: ${phase.rollback?join(", ")}
</#if>
</#list>
<#if notes?has_content>

## Notes

<#list notes as line>
- **${line.what}** (${line.target}): ${line.detail}
</#list>
</#if>
