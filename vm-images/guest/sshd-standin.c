/* sshd-standin - installed as /usr/sbin/sshd in the exelab guest.
 *
 * A harmless stand-in with a famous name: it prints one line and exits.
 * It exists so the lessons have a "trusted" program to impersonate
 * (setexe NEWEXE, masquerade DISGUISE) without shipping a real daemon.
 * masquerade does not depend on its layout: if the entry point sits too
 * close to the end of the text mapping, it places its code elsewhere.
 */
int main(void)
{
	printf("sshd (exelab stand-in): harmless, does nothing\n");
	return 0;
}
