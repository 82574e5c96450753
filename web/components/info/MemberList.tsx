// The members of a group with their roles and who is online (the chat socket's `ready` and
// `presence` frames). A member's actions open under their row; only the ones the caller's
// role allows are there, and a row without any has no button at all.
import { useState } from "preact/hooks";
import type { Member, User } from "#protocol";
import { t } from "../../i18n/panel.ts";
import { t as tMain } from "../../i18n/index.ts";
import { personName, useProfileCard } from "../profileCard.ts";
import * as admin from "../../state/openChat/admin.ts";
import type { OpenChatModel } from "../../state/openChat/openChat.ts";
import type { Abilities } from "#protocol";
import { UserAvatar } from "../Avatar.tsx";
import { describeError } from "../errors.ts";
import { Confirm, type ConfirmProps } from "./Confirm.tsx";

interface RowProps {
  member: Member;
  me: User;
  online: boolean;
  can: Abilities;
  model: OpenChatModel;
  onConfirm: (c: Omit<ConfirmProps, "onClose">) => void;
}

function MemberRow({ member, me, online, can, model, onConfirm }: RowProps) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { user, role } = member;
  const self = user.id === me.id;
  const name = personName(user);
  const openCard = useProfileCard();

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      setOpen(false);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  const actions: { label: string; danger?: boolean; act: () => void }[] = [];
  if (!self && can.changeRoles && role !== "owner") {
    if (role === "member") actions.push({ label: t("member.makeAdmin"), act: () => void run(() => admin.setRole(model, user.id, "admin")) });
    else actions.push({ label: t("member.makeMember"), act: () => void run(() => admin.setRole(model, user.id, "member")) });
    actions.push({
      label: t("member.makeOwner"),
      act: () =>
        onConfirm({
          title: t("confirm.transferTitle", { name }),
          text: t("confirm.transferText"),
          confirm: t("confirm.transfer"),
          onConfirm: () => admin.setRole(model, user.id, "owner"),
        }),
    });
  }
  if (!self && can.remove(role)) {
    actions.push({
      label: t("member.remove"),
      danger: true,
      act: () =>
        onConfirm({
          title: t("confirm.removeTitle", { name }),
          text: t("confirm.removeText"),
          confirm: t("confirm.remove"),
          onConfirm: () => admin.removeMember(model, user.id),
        }),
    });
  }

  const actionsId = `member-actions-${user.id}`;
  return (
    <li class="member" data-user={user.username}>
      <div class="member-main">
        <button type="button" class="member-profile" aria-haspopup="dialog" disabled={!openCard} onClick={() => openCard?.(user)}>
          <span class="member-avatar">
            <UserAvatar user={user} size="sm" />
            {online && <span class="online-dot" aria-hidden="true" />}
          </span>
          <span class="member-text">
            <span class="member-name">
              {name}
              {self && <span class="muted"> ({t("info.you")})</span>}
            </span>
            <span class={online ? "member-sub online-text" : "member-sub muted"}>{online ? t("info.online") : `@${user.username}`}</span>
          </span>
          {/* Named by what it shows (a spoken name that contains the visible one), then what it opens. */}
          <span class="visually-hidden">, {tMain("people.profile")}</span>
        </button>
        {role !== "member" && <span class={`role-tag ${role}`}>{t(`role.${role}`)}</span>}
        {actions.length > 0 && (
          <button
            type="button"
            class="icon-btn member-more"
            aria-label={t("member.actions", { name })}
            title={t("member.actions", { name })}
            aria-expanded={open}
            aria-controls={actionsId}
            onClick={() => setOpen(!open)}
          >
            ⋯
          </button>
        )}
      </div>
      {open && (
        <div class="member-actions" id={actionsId}>
          {actions.map((a) => (
            <button key={a.label} type="button" class={a.danger ? "btn small danger-text" : "btn small"} disabled={busy} onClick={a.act}>
              {a.label}
            </button>
          ))}
          {error && <p class="form-error">{error}</p>}
        </div>
      )}
    </li>
  );
}

export function MemberList({ model, me, can, onInvite }: { model: OpenChatModel; me: User; can: Abilities; onInvite: () => void }) {
  const [confirm, setConfirm] = useState<Omit<ConfirmProps, "onClose"> | null>(null);
  const members = model.roster.members.value;
  const online = new Set(model.online.value);
  const count = model.chat.value?.memberCount ?? members.length;
  return (
    <section class="info-section" aria-labelledby="members-title">
      <div class="info-section-head">
        <h3 id="members-title">{t("chat.members", { n: count })}</h3>
        {can.invite && (
          <button type="button" class="btn small" onClick={onInvite}>
            {t("info.addMember")}
          </button>
        )}
      </div>
      <ul class="members">
        {members.map((m) => (
          <MemberRow key={m.user.id} member={m} me={me} online={online.has(m.user.id)} can={can} model={model} onConfirm={setConfirm} />
        ))}
      </ul>
      {confirm && <Confirm {...confirm} onClose={() => setConfirm(null)} />}
    </section>
  );
}
