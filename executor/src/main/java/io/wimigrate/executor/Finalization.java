package io.wimigrate.executor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.executor.kube.SecretBackups;
import io.wimigrate.planner.model.Step;
import io.wimigrate.scanner.BadInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code migrate finalize}: once a plan is applied and verified, purges the backup Secrets its steps made and the
 * grace period has passed over. Each purge is journaled (the Secret and its backup's name, never a value) before the
 * backup is deleted, so {@code status} shows it and rollback names the Secrets it can no longer restore. The journal
 * itself, with the pod-identity manifests rollback would reinstall, is kept: it holds no secret value, and with the
 * purged Secrets recreated by hand a rollback still works.
 */
final class Finalization {

    static final String STEP = "finalize";
    static final String ACTION = "purge-secret-backup";

    private final Run run;
    private final Clock clock;

    Finalization(Run run, Clock clock) {
        this.run = run;
        this.clock = clock;
    }

    /** The plan's Secret backups against the grace period; refuses a plan not completely applied and verified. */
    List<SecretBackupStatus> backups(Duration grace) {
        requireApplied();
        Map<String, JournalEntry> purges = purges(run.journal().entries());
        Instant now = clock.instant();
        List<SecretBackupStatus> backups = new ArrayList<>();
        for (Step step : run.plan().steps()) {
            Optional<ObjectNode> prior = run.journal().prior(step.id());
            for (BackedUpSecret secret : run.binder().apply(step).backedUpSecrets(prior.orElse(null))) {
                String backup = SecretBackups.backupName(secret);
                Optional<Instant> made = SecretBackups.backedUpAt(run.context(), secret);
                JournalEntry purged = purges.get(secret.display());
                if (made.isEmpty()) {
                    backups.add(new SecretBackupStatus(step.id(), secret, backup, null, purged == null
                            ? SecretBackupStatus.State.MISSING : SecretBackupStatus.State.PURGED,
                            purged == null ? null : purged.at()));
                } else if (!made.get().plus(grace).isAfter(now)) {
                    backups.add(new SecretBackupStatus(step.id(), secret, backup, made.get(),
                            SecretBackupStatus.State.DUE, null));
                } else {
                    backups.add(new SecretBackupStatus(step.id(), secret, backup, made.get(),
                            SecretBackupStatus.State.WAITING, made.get().plus(grace).toString()));
                }
            }
        }
        return backups;
    }

    /**
     * Purges the backups older than {@code grace}, each journaled first (a purge cut short is finished by running
     * finalize again, without a second entry); returns every backup's state afterwards.
     */
    List<SecretBackupStatus> purge(Duration grace) {
        Map<String, JournalEntry> purges = purges(run.journal().entries());
        Map<String, Step> steps = new LinkedHashMap<>();
        run.plan().steps().forEach(step -> steps.put(step.id(), step));
        List<SecretBackupStatus> result = new ArrayList<>();
        for (SecretBackupStatus backup : backups(grace)) {
            if (backup.state() != SecretBackupStatus.State.DUE) {
                result.add(backup);
                continue;
            }
            JournalEntry entry = purges.get(backup.secret().display());
            if (entry == null) {
                entry = run.entries().purged(steps.get(backup.step()), backup);
                run.journal().append(entry);
            }
            SecretBackups.purge(run.context(), backup.secret());
            run.listener().note("purged " + backup.secret().namespace() + "/" + backup.backup() + ", the backup of "
                    + backup.secret().display());
            result.add(backup.purged(entry.at()));
        }
        return result;
    }

    /** The purges the journal records, by the purged Secret ({@code Secret/ns/name}). */
    static Map<String, JournalEntry> purges(List<JournalEntry> journal) {
        Map<String, JournalEntry> purges = new LinkedHashMap<>();
        journal.stream().filter(entry -> entry.state() == StepState.PURGED)
                .forEach(entry -> purges.putIfAbsent(entry.target(), entry));
        return purges;
    }

    private void requireApplied() {
        List<String> open = run.plan().steps().stream()
                .filter(step -> run.journal().state(step.id()).orElse(null) != StepState.APPLIED)
                .map(step -> "phase " + step.phase() + " " + step.id() + " " + step.action() + " "
                        + step.target().display() + " is " + run.journal().state(step.id()).map(StepState::label)
                        .orElse(StepStatus.NOT_STARTED))
                .toList();
        if (!open.isEmpty()) {
            throw new BadInputException("finalize needs the plan applied and verified to the end: " + open.size()
                    + " step(s) are not applied (first: " + open.get(0) + "); finish with migrate apply and migrate"
                    + " verify first");
        }
    }
}
