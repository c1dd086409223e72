# SPDX-License-Identifier: MIT
# sshd.sh - a real OpenSSH server on 127.0.0.1 for the tests (sourced, not
# run): its own host key, config and a throwaway client key, all made in a
# scratch directory, on a free port, started and stopped by its pid.
#
#   sshd_start DIR    start it (files under DIR); sets SSHD_PID,
#                     SSHD_PORT and SSH_CONFIG, a client config in which
#                     the host "sshd-test" is this server (key, port,
#                     known host, batch mode): `ssh -F "$SSH_CONFIG"
#                     sshd-test CMD` runs CMD as this user. Returns 1 with
#                     SSHD_WHY set where sshd cannot start (not installed,
#                     no privilege-separation directory, ...).
#   sshd_stop         stop it (by its pid).
#
# As root sshd needs its privilege-separation directory (/run/sshd, which
# Debian's service makes at boot): it is made when missing.

SSHD_PID=
sshd_start() {
	local d=$1 sshd port user
	sshd=$(command -v sshd || echo /usr/sbin/sshd)
	if [ ! -x "$sshd" ] || ! command -v ssh >/dev/null ||
		! command -v ssh-keygen >/dev/null; then
		SSHD_WHY="OpenSSH (openssh-server, openssh-client) is not installed"
		return 1
	fi
	if [ "$(id -u)" = 0 ] && [ ! -d /run/sshd ] &&
		! mkdir -m 0755 -p /run/sshd 2>/dev/null; then
		SSHD_WHY="no /run/sshd for sshd's privilege separation"
		return 1
	fi
	mkdir -p "$d" && chmod 700 "$d" || return 1
	user=$(id -un)
	ssh-keygen -q -t ed25519 -N '' -f "$d/host_key" -C flockd-test-host &&
		ssh-keygen -q -t ed25519 -N '' -f "$d/client_key" -C flockd-test-client ||
		{ SSHD_WHY="ssh-keygen failed"; return 1; }
	cp "$d/client_key.pub" "$d/authorized_keys"
	chmod 600 "$d/authorized_keys"
	for _ in 1 2 3 4 5; do
		port=$((20000 + RANDOM % 40000))
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
		cat >"$d/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $d/host_key
PidFile none
AuthorizedKeysFile $d/authorized_keys
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowUsers $user
StrictModes no
UsePAM no
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
PermitTunnel no
PrintMotd no
LogLevel ERROR
CONF
		"$sshd" -D -e -f "$d/sshd_config" >>"$d/sshd.log" 2>&1 &
		SSHD_PID=$!
		SSHD_PORT=$port
		SSH_CONFIG=$d/ssh_config
		printf '[127.0.0.1]:%s %s\n' "$port" "$(cat "$d/host_key.pub")" >"$d/known_hosts"
		cat >"$SSH_CONFIG" <<CONF
Host sshd-test
  HostName 127.0.0.1
  Port $port
  User $user
  IdentityFile $d/client_key
  IdentitiesOnly yes
  UserKnownHostsFile $d/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  BatchMode yes
  ConnectTimeout 10
  ServerAliveInterval 5
  ServerAliveCountMax 3
  LogLevel ERROR
CONF
		local i
		for i in $(seq 1 50); do
			if timeout 10 ssh -F "$SSH_CONFIG" sshd-test true </dev/null 2>>"$d/ssh.log"; then
				return 0
			fi
			kill -0 "$SSHD_PID" 2>/dev/null || break
			sleep 0.1
		done
		sshd_stop
	done
	SSHD_WHY="sshd did not start: $(tail -n 2 "$d/sshd.log" "$d/ssh.log" 2>/dev/null | tr '\n' ' ')"
	return 1
}

sshd_stop() {
	[ -n "$SSHD_PID" ] || return 0
	kill "$SSHD_PID" 2>/dev/null
	wait "$SSHD_PID" 2>/dev/null
	SSHD_PID=
}
