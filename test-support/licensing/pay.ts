/** Press Pay on the sandbox provider's checkout page, as a buyer would. */
export async function payCheckout(checkoutUrl: string): Promise<Response> {
  const url = new URL(checkoutUrl);
  return fetch(`${url.origin}${url.pathname}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `token=${url.searchParams.get('token')}`,
  });
}
