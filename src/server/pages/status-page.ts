import { html, page } from './html.js';

export interface StatusPage {
  status: number;
  title: string;
  message: string;
  /** Where the customer goes next (the session's or top-up's failure or return URL). */
  link?: { href: string; text: string };
}

/** A page that says what went wrong and shows no account data. */
export function renderStatusPage({ title, message, link }: StatusPage): string {
  return page({
    title,
    body: html`<section class="card" aria-labelledby="title">
<h1 id="title">${title}</h1>
<p>${message}</p>
${link ? html`<p><a class="button" href="${link.href}">${link.text}</a></p>` : ''}
</section>`,
  });
}

export const INVALID_LINK: StatusPage = {
  status: 403,
  title: 'This link is not valid',
  message:
    'The link was changed, belongs to another customer or was not issued by this server. ' +
    'Ask the application that sent you here for a new one.',
};

/** A form without this page's anti-forgery token, or posted from another site. */
export const FORGED: StatusPage = {
  status: 403,
  title: 'This form could not be accepted',
  message: 'It did not come from this page (its anti-forgery token is missing or wrong). Go back, reload the page and try again.',
};

export function expiredPage(what: string, failureUrl: string | undefined): StatusPage {
  return {
    status: 410,
    title: `This ${what} link has expired`,
    message: `For your security, ${what} links work for a limited time only. Go back and start again to get a new one.`,
    link: failureUrl ? { href: failureUrl, text: 'Go back' } : undefined,
  };
}
