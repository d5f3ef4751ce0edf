// Entry point: mounts the React app.
import { createRoot } from "react-dom/client";
import "./styles.css";

const root = document.getElementById("root");
if (root) createRoot(root).render(<p className="p-4">exelab is starting…</p>);
